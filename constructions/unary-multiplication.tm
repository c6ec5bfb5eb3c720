# Unary multiplication: input 1^m*1^n, output 1^(m*n).
# Appends '='; for each 1 of the second factor (marked y) copies the first factor's ones
# (marked x while copied) after the '='; finally erases everything up to the '='.
blank: _
start: init
halt: done
input: 1 *

# state    read  write  move  next
  init     1     1      R     init      # append '='
  init     *     *      R     init
  init     _     =      L     back
  back     1     1      L     back      # return to '*'
  back     y     y      L     back
  back     *     *      R     nextb
  nextb    y     y      R     nextb     # next unmarked 1 of the second factor
  nextb    1     y      L     toa
  nextb    =     _      L     wipe
  toa      y     y      L     toa
  toa      *     *      L     anext
  anext    x     x      L     anext     # next unmarked 1 of the first factor
  anext    1     x      R     append
  anext    _     _      R     restore
  append   x     x      R     append    # write one more 1 of the product
  append   *     *      R     append
  append   y     y      R     append
  append   1     1      R     append
  append   =     =      R     append
  append   _     1      L     ret
  ret      1     1      L     ret
  ret      =     =      L     ret
  ret      y     y      L     ret
  ret      *     *      L     anext
  restore  x     1      R     restore   # unmark the first factor
  restore  *     *      R     nextb
  wipe     y     _      L     wipe      # erase the factors and '*'
  wipe     *     _      L     wipe
  wipe     1     _      L     wipe
  wipe     _     _      N     done
