# Copy: input w over {0, 1}, output w#w.
# Appends '#'; then marks each symbol of w in turn (0 as a, 1 as b), writes it at the
# right end, and unmarks it.
blank: _
start: init
halt: done
input: 0 1

# state    read  write  move  next
  init     0     0      R     init
  init     1     1      R     init
  init     _     #      L     rewind
  rewind   0     0      L     rewind
  rewind   1     1      L     rewind
  rewind   _     _      R     pick
  pick     0     a      R     carry0
  pick     1     b      R     carry1
  pick     #     #      N     done
  carry0   0     0      R     carry0
  carry0   1     1      R     carry0
  carry0   #     #      R     carry0
  carry0   _     0      L     return
  carry1   0     0      R     carry1
  carry1   1     1      R     carry1
  carry1   #     #      R     carry1
  carry1   _     1      L     return
  return   0     0      L     return
  return   1     1      L     return
  return   #     #      L     return
  return   a     0      R     pick
  return   b     1      R     pick
