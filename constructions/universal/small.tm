# The small universal machine: Rogozhin's UTM(4,6), states 1 to 4 and symbols 0 1 b < > c
# (Y. Rogozhin, "Small universal Turing machines", Theoretical Computer Science 168 (1996)
# 215-240), with one state, boot, that walks from the left end of the input to the word's
# first cell, written '>'. It halts on '<' in state 3 (no rule). Its tape and the 2-tag
# systems it simulates are described in README.md here.
blank: 0
start: boot
symbols: 0 1 b < > c

# state  read  write  move  next
  boot   <     <      R     boot
  boot   1     1      R     boot
  boot   b     b      R     boot
  boot   c     c      R     boot
  boot   >     1      N     1
  1      0     <      L     1
  1      1     <      L     1
  1      b     >      R     1
  1      <     0      R     1
  1      >     b      L     1
  1      c     0      R     4
  2      0     1      L     2
  2      1     0      R     2
  2      b     >      L     3
  2      <     >      L     2
  2      >     <      R     2
  2      c     b      R     2
  3      0     c      R     1
  3      1     1      R     3
  3      b     <      R     4
  3      >     b      R     3
  3      c     1      R     1
  4      0     c      L     2
  4      1     0      R     4
  4      b     c      L     2
  4      >     <      R     4
  4      c     b      R     4
