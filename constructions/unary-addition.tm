# Unary addition: input 1^m+1^n, output 1^(m+n).
# Turns '+' into a 1, then erases the last 1.
blank: _
start: scan
halt: done
input: 1 +

# state  read  write  move  next
  scan   1     1      R     scan
  scan   +     1      R     scan
  scan   _     _      L     trim
  trim   1     _      N     done
