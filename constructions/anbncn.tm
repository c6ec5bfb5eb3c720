# Recognizer of a^n b^n c^n (n >= 0): halts in 'accept' or 'reject'.
# Each round marks the leftmost a (x), the first b after it (y) and the first c (z).
blank: _
start: scan
halt: accept reject
input: a b c

# state  read  write  move  next
  scan   x     x      R     scan
  scan   a     x      R     findb
  scan   y     y      R     check
  scan   _     _      N     accept
  scan   b     b      N     reject
  scan   c     c      N     reject
  findb  a     a      R     findb
  findb  y     y      R     findb
  findb  b     y      R     findc
  findb  c     c      N     reject
  findb  z     z      N     reject
  findb  _     _      N     reject
  findc  b     b      R     findc
  findc  z     z      R     findc
  findc  c     z      L     back
  findc  a     a      N     reject
  findc  y     y      N     reject
  findc  _     _      N     reject
  back   a     a      L     back
  back   b     b      L     back
  back   y     y      L     back
  back   z     z      L     back
  back   x     x      R     scan
  check  y     y      R     check
  check  z     z      R     check
  check  _     _      N     accept
  check  a     a      N     reject
  check  b     b      N     reject
  check  c     c      N     reject
