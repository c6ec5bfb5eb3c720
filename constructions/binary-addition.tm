# Binary addition: input a+b, both most significant bit first; output a+b.
# Repeatedly decrements b and increments a; when b has been zero, erases '+' and b.
blank: _
start: end
halt: done
input: 0 1 +

# state  read  write  move  next
  end    0     0      R     end      # find the right end of b
  end    1     1      R     end
  end    +     +      R     end
  end    _     _      L     dec
  dec    0     1      L     dec      # b := b - 1, borrowing leftwards
  dec    1     0      L     left
  dec    +     _      R     erase    # b was 0 (now all ones): erase it
  left   0     0      L     left     # back to the '+'
  left   1     1      L     left
  left   +     +      L     inc
  inc    1     0      L     inc      # a := a + 1, carrying leftwards
  inc    0     1      R     end
  inc    _     1      R     end
  erase  1     _      R     erase
  erase  _     _      N     done
