# Palindrome recognizer over {a, b}: halts in 'accept' or 'reject'.
# Erases the first symbol, checks that the last one matches and erases it, repeats.
blank: _
start: first
halt: accept reject
input: a b

# state   read  write  move  next
  first   a     _      R     havea
  first   b     _      R     haveb
  first   _     _      N     accept
  havea   a     a      R     havea
  havea   b     b      R     havea
  havea   _     _      L     lasta
  haveb   a     a      R     haveb
  haveb   b     b      R     haveb
  haveb   _     _      L     lastb
  lasta   a     _      L     back
  lasta   b     b      N     reject
  lasta   _     _      N     accept
  lastb   b     _      L     back
  lastb   a     a      N     reject
  lastb   _     _      N     accept
  back    a     a      L     back
  back    b     b      L     back
  back    _     _      R     first
