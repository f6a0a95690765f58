# print-sheet.awk — print a sheet exported as CSV in the terminal (used by demo.sh).
# Run as: awk -v width=N -f scripts/csv.awk -f scripts/print-sheet.awk FILE FILE FILE
# (three passes: where a chart's data block starts, widths, then rows). A chart data
# block ("Chart data: ..." / "图表数据…" and everything right of it) is left out. One-cell rows print as wrapped lines, "label:" rows as
# checks, long notes are skipped, everything else as a table with aligned columns.
# Nothing printed is wider than `width` display columns (default 100): text wraps at
# spaces (CJK text, which has few, between characters); a table cell wider than its
# column wraps inside the column, and the columns of each table shrink until it fits
# (columns that still do not fit, at the right, are left out).
function kind(n,   i, filled) {
  filled = 0
  for (i = 1; i <= n; i++) if (F[i] != "") filled++
  if (filled == 0) return "blank"
  if (filled == 1) return "line"
  if (F[1] ~ /:$/) return "check"
  if (length(F[1]) > 60) return "note"
  return "table"
}
# Display width of UTF-8 text read byte by byte (LC_ALL=C): continuation
# bytes add nothing, and CJK characters (lead bytes E3-E9, EF) take two columns.
function dwidth(s,   t, cont, wide) {
  t = s; cont = gsub(/[\200-\277]/, "", t)
  t = s; wide = gsub(/[\343-\351\357]/, "", t)
  return length(s) - cont + wide
}
# Byte length of the UTF-8 character starting at byte i of s, and its width.
function charlen(s, i,   c) {
  c = substr(s, i, 1)
  if (c < "\300") return 1
  if (c < "\340") return 2
  if (c < "\360") return 3
  return 4
}
function spaces(n,   out) { out = ""; while (n-- > 0) out = out " "; return out }
function numeric(s) { return s ~ /^-?[0-9][0-9,]*(\.[0-9]+)?%?$/ }
# The longest head of s that fits in w display columns, broken after a space
# when there is one (else between characters); the rest goes to REST.
function take(s, w,   i, n, used, cw, lastsp, head) {
  if (dwidth(s) <= w) { REST = ""; return s }
  used = 0; lastsp = 0; i = 1; n = length(s)
  while (i <= n) {
    cw = charlen(s, i)
    used += dwidth(substr(s, i, cw))
    if (used > w) break
    if (substr(s, i, 1) == " ") lastsp = i
    i += cw
  }
  if (i == 1) i = 1 + charlen(s, 1) # one character wider than w: take it anyway
  # Break at the last space; in CJK text only if that wastes less than a quarter
  # of the line (CJK breaks between any two characters).
  if (lastsp > 1 && (s !~ /[\343-\351]/ || dwidth(substr(s, 1, lastsp - 1)) >= w * 3 / 4)) {
    head = substr(s, 1, lastsp - 1); REST = substr(s, lastsp + 1)
  }
  else { head = substr(s, 1, i - 1); REST = substr(s, i) }
  return head
}
function wrap(s, w) {
  while (s != "") { print take(s, w); s = REST; sub(/^ +/, "", s) }
}
FNR == 1 { pass++ }
# Pass 1: the leftmost column of a chart's data block, if any.
pass == 1 {
  n = csv($0)
  for (i = 1; i <= n; i++)
    if (F[i] ~ /^(Chart data|图表数据)/ && (cut == 0 || i < cut)) cut = i
  next
}
# Cut the columns from the chart data block on.
function trim(n,   i) {
  if (cut && n >= cut) { for (i = cut; i <= n; i++) F[i] = ""; n = cut - 1 }
  while (n > 0 && F[n] == "") n--
  return n
}
# Pass 2: widths per block (a run of table rows between lines and blanks, e.g. one
# section's table), so a wide table below does not stretch a narrow one above.
pass == 2 {
  n = trim(csv($0)); k = kind(n)
  if (k != "table" && k != "check") { if (intable) nb++; intable = 0; next }
  if (k == "check") next
  if (!intable) nb++
  intable = 1; blk[FNR] = nb
  for (i = 1; i <= n; i++) {
    if (dwidth(F[i]) > W[nb, i]) W[nb, i] = dwidth(F[i])
    if (numeric(F[i])) NUM[nb, i] = 1
    nw = split(F[i], words, " ")
    for (j = 1; j <= nw; j++) if (dwidth(words[j]) > M[nb, i]) M[nb, i] = dwidth(words[j])
  }
  if (n > COLS[nb]) COLS[nb] = n
  next
}
pass == 3 && FNR == 1 {
  if (width < 20) width = 100
  # Shrink each block until it fits: the widest column that can still wrap
  # between words first (numbers and words are never broken); if that is not
  # enough, the rightmost columns (a chart's data block beside a table) are
  # left out of the terminal view.
  for (b = 1; b <= nb; b++) {
    while (COLS[b] > 0) {
      total = 0; pick = 0
      for (i = 1; i <= COLS[b]; i++) {
        total += W[b, i] + (i < COLS[b] ? 2 : 0)
        if (W[b, i] > M[b, i] && W[b, i] > 8 && (pick == 0 || W[b, i] > W[b, pick])) pick = i
      }
      if (total <= width) break
      if (pick) W[b, pick]--
      else if (COLS[b] > 1) COLS[b]--
      else break
    }
  }
}
pass == 3 {
  n = trim(csv($0)); k = kind(n); wasblank = blank
  if (k == "blank") { if (!blank) print ""; blank = 1; next }
  blank = 0
  if (k == "note") next
  if (k == "line") {
    for (i = 1; i <= n; i++) if (F[i] != "") break
    if (F[i] ~ /^[0-9]+\. / && FNR > 1 && !wasblank) print ""
    wrap(F[i], width)
    next
  }
  if (k == "check") {
    for (i = n; i > 1; i--) if (F[i] != "") break
    pad = W[lastblk, 1] + 2
    if (pad + dwidth(F[1] " " F[i]) > width) pad = width - dwidth(F[1] " " F[i])
    if (pad < 0) pad = 0
    wrap(spaces(pad) F[1] " " F[i], width)
    next
  }
  # A table row, as many lines as its tallest cell needs.
  b = blk[FNR]; lastblk = b
  for (i = 1; i <= COLS[b]; i++) cell[i] = (i <= n) ? F[i] : ""
  do {
    line = ""; more = 0
    for (i = 1; i <= COLS[b]; i++) {
      part = take(cell[i], W[b, i]); cell[i] = REST
      if (REST != "") more = 1
      if (numeric(part) || (NUM[b, i] && i > 1)) line = line spaces(W[b, i] - dwidth(part)) part
      else line = line part spaces(W[b, i] - dwidth(part))
      if (i < COLS[b]) line = line "  "
    }
    sub(/ +$/, "", line)
    print line
  } while (more)
}
