# Binary increment, least significant bit first: the carry travels rightwards, so the
# machine reads its input once from left to right (an online transduction).
blank: _
start: carry
halt: done
input: 0 1

# state  read  write  move  next
  carry  1     0      R     carry
  carry  0     1      N     done
  carry  _     1      N     done
