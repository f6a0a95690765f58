# print-sheet.awk — print a sheet exported as CSV in the terminal (used by demo.sh).
# Run as: awk -f scripts/csv.awk -f scripts/print-sheet.awk FILE FILE (two passes:
# widths, then rows). One-cell rows print as lines, "label:" rows as checks, long
# notes are skipped, everything else as a table with aligned columns.
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
function spaces(n,   out) { out = ""; while (n-- > 0) out = out " "; return out }
function numeric(s) { return s ~ /^-?[0-9][0-9,]*(\.[0-9]+)?%?$/ }
function wrap(s, width,   out, nw, words, i, len) {
  nw = split(s, words, " "); out = ""; len = 0
  for (i = 1; i <= nw; i++) {
    if (len > 0 && len + 1 + length(words[i]) > width) { print out; out = ""; len = 0 }
    out = (len > 0) ? out " " words[i] : words[i]
    len = length(out)
  }
  if (out != "") print out
}
NR == FNR {
  n = csv($0)
  if (kind(n) == "table") {
    for (i = 1; i <= n; i++) {
      if (dwidth(F[i]) > w[i]) w[i] = dwidth(F[i])
      if (numeric(F[i])) num[i] = 1
    }
    if (n > cols) cols = n
  }
  next
}
{
  n = csv($0); k = kind(n); wasblank = blank
  if (k == "blank") { if (!blank) print ""; blank = 1; next }
  blank = 0
  if (k == "note") next
  if (k == "line") {
    for (i = 1; i <= n; i++) if (F[i] != "") break
    if (F[i] ~ /^[0-9]+\. / && FNR > 1 && !wasblank) print ""
    if (F[i] ~ /[\343-\351\357]/) print F[i]   # CJK text has few spaces: as is
    else wrap(F[i], 100)
    next
  }
  if (k == "check") {
    for (i = n; i > 1; i--) if (F[i] != "") break
    printf "%*s%s %s\n", w[1] + 2, "", F[1], F[i]; next
  }
  line = ""
  for (i = 1; i <= cols; i++) {
    cell = (i <= n) ? F[i] : ""
    if (numeric(cell) || (num[i] && i > 1)) line = line spaces(w[i] - dwidth(cell)) cell
    else line = line cell spaces(w[i] - dwidth(cell))
    if (i < cols) line = line "  "
  }
  sub(/ +$/, "", line)
  print line
}