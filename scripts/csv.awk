# csv.awk — CSV helpers for awk (mawk and gawk), shared by the integration tests
# and the demo: csv(line) splits into F[1..n] honouring quotes; col("B12") = 2, row("B12") = 12.
function csv(line,   n, i, c, field, inq) {
  n = 0; field = ""; inq = 0
  for (i = 1; i <= length(line); i++) {
    c = substr(line, i, 1)
    if (inq) {
      if (c == "\"") {
        if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ } else inq = 0
      } else field = field c
    } else if (c == "\"") inq = 1
    else if (c == ",") { F[++n] = field; field = "" }
    else field = field c
  }
  F[++n] = field
  for (i = n + 1; i <= 64; i++) F[i] = ""
  return n
}
function col(name,   c) { c = name; sub(/[0-9]+$/, "", c); return index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", c) }
function row(name,   r) { r = name; sub(/^[A-Z]+/, "", r); return r + 0 }
