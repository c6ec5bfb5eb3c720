# Balanced parentheses recognizer: halts in 'accept' or 'reject'.
# Marks the first ')' and the nearest unmarked '(' to its left, until none is left.
blank: _
start: seek
halt: accept reject
input: ( )

# state   read  write  move  next
  seek    (     (      R     seek
  seek    x     x      R     seek
  seek    )     x      L     match
  seek    _     _      L     verify
  match   x     x      L     match
  match   (     x      R     seek
  match   _     _      N     reject
  verify  x     x      L     verify
  verify  (     (      N     reject
  verify  _     _      N     accept
