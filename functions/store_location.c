/* store_location.c — where the snapshot store lives, chosen by the user and
 * never by a formula: $SALESGOAL_DB, else the `db` line of
 * $XDG_CONFIG_HOME/salesgoal/config (~/.config/salesgoal/config), else the
 * SQLite file $XDG_DATA_HOME/salesgoal/snapshots.sqlite
 * (~/.local/share/salesgoal/snapshots.sqlite). A location is an absolute
 * file path (SQLite) or a postgresql:// / postgres:// URI (PostgreSQL);
 * anything else is refused here with a message, and a URI is only ever
 * shown without its password. */
#define _POSIX_C_SOURCE 200809L
#include "sgf_internal.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* $HOME, or the password database's home when HOME is unset or relative. */
static const char *home_dir(char *pwbuf, size_t size) {
  const char *home = getenv("HOME");
  if (home && home[0] == '/') return home;
  struct passwd pw, *found = NULL;
  if (getpwuid_r(getuid(), &pw, pwbuf, size, &found) == 0 && found && found->pw_dir &&
      found->pw_dir[0] == '/')
    return found->pw_dir;
  return NULL;
}

/* A location from `source` (e.g. "SALESGOAL_DB") accepted or refused. */
static int take(sgf_call *call, const char *source, const char *value, char *buf, size_t size) {
  if (sg_store_kind(value) == SG_STORE_NONE) {
    char shown[512], quoted[96];
    sg_store_redact(value, shown, sizeof shown);
    sgf_quote(shown, quoted, sizeof quoted);
    /* ":memory:" or a relative path would seem to work and lose every
     * write (or write wherever soffice was started): refuse them. */
    return sgf_fail(call,
                    "%s is \"%s\", which is not an absolute file path nor a postgresql:// URI; "
                    "set it to one such as /home/you/salesgoal/snapshots.sqlite or "
                    "postgresql://db.example.com/salesgoal.",
                    "%s 为“%s”，不是绝对文件路径，也不是 postgresql:// URI；请设置为例如 "
                    "/home/you/salesgoal/snapshots.sqlite 或 "
                    "postgresql://db.example.com/salesgoal。",
                    source, quoted);
  }
  int w = snprintf(buf, size, "%s", value);
  if (w < 0 || (size_t)w >= size)
    return sgf_fail(call, "the snapshot database location in %s is too long.",
                    "%s 中的快照数据库位置过长。", source);
  return 0;
}

/* The `db = LOCATION` line of the config file, if the file exists.
 * Returns 1 when found (buf filled), 0 when there is no file or no db
 * line, -1 with call->message set for a file that cannot be used. */
static int from_config(sgf_call *call, const char *file, char *buf, size_t size) {
  FILE *f = fopen(file, "r");
  if (!f) {
    if (errno == ENOENT || errno == ENOTDIR) return 0;
    return sgf_fail(call, "cannot read the salesgoal settings %s (%s).",
                    "无法读取 salesgoal 设置文件 %s（%s）。", file, strerror(errno));
  }
  char line[4096];
  int found = 0, lineno = 0, rc = 0;
  while (rc == 0 && fgets(line, sizeof line, f)) {
    lineno++;
    char *p = line + strspn(line, " \t");
    p[strcspn(p, "\r\n")] = '\0';
    if (!*p || *p == '#') continue;
    char *eq = strchr(p, '=');
    char *key_end = eq ? eq : p + strlen(p);
    while (key_end > p && (key_end[-1] == ' ' || key_end[-1] == '\t')) key_end--;
    if (!eq || key_end - p != 2 || strncmp(p, "db", 2) != 0) {
      rc = sgf_fail(call,
                    "line %d of %s is not understood; the settings file holds lines such as "
                    "\"db = postgresql://db.example.com/salesgoal\".",
                    "%2$s 第 %1$d 行无法识别；设置文件应包含例如 "
                    "“db = postgresql://db.example.com/salesgoal”的行。",
                    lineno, file);
      break;
    }
    char *value = eq + 1 + strspn(eq + 1, " \t");
    char *end = value + strlen(value);
    while (end > value && (end[-1] == ' ' || end[-1] == '\t')) *--end = '\0';
    char source[600];
    snprintf(source, sizeof source, "the db setting in %.500s", file);
    rc = take(call, source, value, buf, size);
    found = rc == 0;
  }
  fclose(f);
  return rc != 0 ? -1 : found;
}

int sgf_locate_store(sgf_call *call, char *buf, size_t size) {
  const char *env = getenv("SALESGOAL_DB");
  if (env && env[0]) return take(call, "SALESGOAL_DB", env, buf, size);
  char pwbuf[1024], file[4096];
  const char *home = home_dir(pwbuf, sizeof pwbuf);
  const char *xdg_config = getenv("XDG_CONFIG_HOME");
  int w = -1;
  /* XDG: relative values are invalid, ignore them */
  if (xdg_config && xdg_config[0] == '/')
    w = snprintf(file, sizeof file, "%s/salesgoal/config", xdg_config);
  else if (home)
    w = snprintf(file, sizeof file, "%s/.config/salesgoal/config", home);
  if (w > 0 && (size_t)w < sizeof file) {
    int got = from_config(call, file, buf, size);
    if (got != 0) return got < 0 ? -1 : 0;
  }
  return sgf_default_store_file(call, buf, size);
}

int sgf_default_store_file(sgf_call *call, char *buf, size_t size) {
  char pwbuf[1024];
  const char *home = home_dir(pwbuf, sizeof pwbuf);
  int w;
  const char *xdg_data = getenv("XDG_DATA_HOME");
  if (xdg_data && xdg_data[0] == '/')
    w = snprintf(buf, size, "%s/salesgoal/snapshots.sqlite", xdg_data);
  else if (home)
    w = snprintf(buf, size, "%s/.local/share/salesgoal/snapshots.sqlite", home);
  else
    return sgf_fail(call, "cannot tell where to keep snapshots: set SALESGOAL_DB to a file path.",
                    "无法确定快照的保存位置：请将 SALESGOAL_DB 设置为文件路径。");
  if (w < 0 || (size_t)w >= size)
    return sgf_fail(call, "the snapshot database path is too long.", "快照数据库路径过长。");
  return 0;
}
