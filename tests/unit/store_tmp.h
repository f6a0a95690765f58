/* store_tmp.h — a private temporary folder per test, so store tests never
 * touch the real home or each other. Header-only: only the store tests
 * include it (a .c helper in tests/unit would be linked into every test). */
#ifndef SG_STORE_TMP_H
#define SG_STORE_TMP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_PATH 512

/* mkdtemp under $TMPDIR (or /tmp) into dir; exits the test program on
 * failure since nothing else can run. */
static inline void tmp_make(char *dir, size_t size) {
  const char *base = getenv("TMPDIR");
  snprintf(dir, size, "%s/sgstore-XXXXXX", base && base[0] ? base : "/tmp");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    exit(2);
  }
}

/* rm -rf, for the few levels these tests create. */
static inline void tmp_remove(const char *path) {
  struct stat sb;
  if (lstat(path, &sb) != 0) return;
  if (S_ISDIR(sb.st_mode)) {
    chmod(path, 0700); /* a test may have made it read-only */
    DIR *d = opendir(path);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[TMP_PATH];
        int w = snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (w > 0 && (size_t)w < sizeof child) tmp_remove(child);
      }
      closedir(d);
    }
    rmdir(path);
  } else {
    unlink(path);
  }
}

static inline void tmp_join(char *out, size_t size, const char *dir, const char *name) {
  int w = snprintf(out, size, "%s/%s", dir, name);
  if (w < 0 || (size_t)w >= size) {
    fprintf(stderr, "tmp_join: path too long\n");
    exit(2);
  }
}

/* Whole file into a malloc'd buffer (NULL if missing); *len its size. */
static inline unsigned char *tmp_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  *len = 0;
  if (!f) return NULL;
  unsigned char *buf = NULL;
  size_t cap = 0;
  for (;;) {
    if (*len == cap) {
      cap = cap ? 2 * cap : 4096;
      unsigned char *grown = realloc(buf, cap);
      if (!grown) break;
      buf = grown;
    }
    size_t got = fread(buf + *len, 1, cap - *len, f);
    if (got == 0) break;
    *len += got;
  }
  fclose(f);
  return buf;
}

static inline int tmp_exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0;
}

/* A cmocka fixture: a fresh folder and a database path inside it
 * (db_relative may name folders that do not exist yet). */
typedef struct tmp_env {
  char dir[TMP_PATH];
  char db[TMP_PATH];
} tmp_env;

static inline int tmp_env_setup(void **state, const char *db_relative) {
  tmp_env *e = calloc(1, sizeof *e);
  if (!e) return -1;
  tmp_make(e->dir, sizeof e->dir);
  tmp_join(e->db, sizeof e->db, e->dir, db_relative);
  *state = e;
  return 0;
}

static inline int tmp_env_teardown(void **state) {
  tmp_env *e = *state;
  tmp_remove(e->dir);
  free(e);
  return 0;
}
#endif
