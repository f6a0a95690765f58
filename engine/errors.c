/* errors.c — status code texts, the sg_error filler and the shared "finite
 * and >= 0" check. */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *sg_errstr(int code) {
  switch (code) {
  case SG_OK: return "no error";
  case SG_ENOMEM: return "out of memory";
  case SG_EINVAL: return "invalid argument";
  case SG_ENONFINITE: return "a number is required (not NaN or infinity)";
  case SG_ENEGATIVE: return "value must not be negative";
  case SG_EFLOORCAP: return "floor is above cap";
  case SG_ENOTMULTIPLE: return "value is not a multiple of the rounding unit";
  case SG_EFLOORS: return "floors add up to more than the amount left";
  case SG_ECAPS: return "caps add up to less than the amount left";
  case SG_ELOCKED: return "every item is locked and the locks do not add up to the total";
  case SG_ENOROOM: return "no multiple of the unit lies between floor and cap";
  case SG_ETOOLARGE: return "too many rounding steps for exact arithmetic";
  case SG_EZEROSUM: return "weights add up to zero";
  case SG_ERANGE: return "value outside its allowed range";
  case SG_EINTERNAL: return "internal error (a bug, please report)";
  case SG_ERATE: return "conversion rate must be more than 0 and at most 1";
  case SG_ENOTPOSITIVE: return "value must be more than 0";
  case SG_ESTORE_OPEN: return "the snapshot store cannot be opened or created for writing";
  case SG_ESTORE_BUSY: return "the snapshot store stayed locked by another writer";
  case SG_ESTORE_CORRUPT: return "the snapshot store is damaged or not a database";
  case SG_ESTORE_FOREIGN: return "the file is not a salesgoal snapshot store";
  case SG_ESTORE_NEWER: return "the snapshot store was written by a newer salesgoal";
  case SG_ESTORE_FULL: return "the disk is full";
  case SG_ESTORE_IO: return "the snapshot store could not be read or written";
  case SG_ETOOFEW: return "too few points";
  case SG_EPATTERN: return "not a valid regular expression";
  case SG_EMATCHLIMIT: return "the pattern needs too much backtracking (match limit reached)";
  case SG_ETHRESHOLDS: return "the red threshold is above the amber threshold";
  case SG_EDATE: return "not a date between 0001-01-01 and 9999-12-31";
  case SG_EDATEORDER: return "the end date is before the start date";
  case SG_ETOOMANY: return "more periods than one result can hold";
  case SG_ECOUNT: return "wrong number of values";
  case SG_ENODAYS: return "no day between start and end carries any weight";
  case SG_EPERCENT: return "a pace or attainment above 10 (1000%): a percent typed as a number?";
  case SG_EOVERFLOW: return "a result would be larger than the largest number a cell can hold";
  case SG_EWEIGHTS: return "weights differ too much in size to split exactly";
  case SG_ENOPLUG: return "no free cell has room for the amount below one rounding unit";
  /* decomposition (split2d.c, cascade.c) */
  case SG_EMARGINS: return "row totals and column totals add up to different grand totals";
  case SG_ENOSEED: return "a row or column needs an amount but has no free cell with a seed";
  case SG_EINFEASIBLE: return "the zero seed cells make the totals impossible";
  case SG_ENOCONVERGE: return "the biproportional fit did not converge";
  case SG_EPATH: return "not a valid path";
  case SG_EUNITS: return "each level's unit must be a multiple of the next level's unit";
  case SG_ETOOLONG: return "the name is too long";
  case SG_ESTORE_DENIED: return "the plan belongs to another document";
  case SG_EBUDGET: return "the call used up its matching time";
  case SG_ENUL: return "the text contains a NUL character";
  case SG_ETOOMANYRULES: return "too many rules for one call";
  case SG_ESTORE_LOCATION: return "not an absolute file path nor a postgresql:// URI";
  case SG_ESTORE_ROLE: return "the database role may not use this plan or unit";
  case SG_ESTORE_OFFLINE: return "the database server cannot be reached";
  default: return "unknown error";
  }
}

int sg_fail(sg_error *err, int code, int arg, long index, double value,
            double value2, const char *fmt, ...) {
  if (err) {
    err->code = code;
    err->arg = arg;
    err->index = index;
    err->value = value;
    err->value2 = value2;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    sg_utf8_fit(err->message, sizeof err->message, len);
    if (len < 0) /* an encoding error leaves no usable text: say something */
      snprintf(err->message, sizeof err->message, "%s", sg_errstr(code));
  }
  return code;
}

int sg_ok(sg_error *err) {
  if (err) {
    err->code = SG_OK;
    err->arg = -1;
    err->index = -1;
    err->value = 0;
    err->value2 = 0;
    err->message[0] = '\0';
  }
  return SG_OK;
}

int sg_check_nonneg(const double *v, size_t n, int arg, long first, const char *what,
                    sg_error *err) {
  for (size_t i = 0; i < n; i++) {
    int code = !isfinite(v[i]) ? SG_ENONFINITE : v[i] < 0 ? SG_ENEGATIVE : SG_OK;
    if (code == SG_OK) continue;
    const char *problem = code == SG_ENONFINITE ? "is not a finite number" : "is negative";
    if (first < 0)
      return sg_fail(err, code, arg, -1, v[i], 0, "%s (%g) %s", what, v[i], problem);
    long index = first + (long)i;
    return sg_fail(err, code, arg, index, v[i], 0, "%s item %ld (%g) %s", what, index + 1, v[i],
                   problem);
  }
  return SG_OK;
}

void sg_utf8_fit(char *buf, size_t size, int len) {
  if (len < 0 || (size_t)len < size) return;
  if (size < 4) { /* no room for the ellipsis: nothing rather than half a character */
    if (size) buf[0] = '\0';
    return;
  }
  size_t cut = size - 4; /* "…" is 3 bytes, then the NUL */
  while (cut > 0 && ((unsigned char)buf[cut] & 0xC0) == 0x80) cut--;
  memcpy(buf + cut, "\xE2\x80\xA6", 4);
}
