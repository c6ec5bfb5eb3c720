# Binary increment: adds one to a binary number written most significant bit first.
# The head runs to the right end, then carries leftwards; the number may grow by a digit.
blank: _
start: right
halt: done
input: 0 1

# state  read  write  move  next
  right  0     0      R     right
  right  1     1      R     right
  right  _     _      L     carry
  carry  1     0      L     carry
  carry  0     1      N     done
  carry  _     1      N     done
