/* main.c — the salesgoal command: one subcommand per catalogue function,
 * plus `history` (the snapshot store) and `recalc` (workbooks through a
 * headless LibreOffice). Subcommands, options and help all come from the
 * catalogue at run time, so a new family appears here without a change. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef SALESGOAL_VERSION
#define SALESGOAL_VERSION "0.2"
#endif

sgf_lang cli_lang(void) {
  const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && v[0]) return sgf_lang_from_tag(v);
  }
  return SGF_LANG_EN;
}

const char *cli_t(const char *en, const char *zh) { return cli_lang() == SGF_LANG_ZH ? zh : en; }

void cli_error(const char *en, const char *zh, ...) {
  va_list ap;
  va_start(ap, zh);
  fputs("salesgoal: ", stderr);
  vfprintf(stderr, cli_t(en, zh), ap);
  fputc('\n', stderr);
  va_end(ap);
}

void cli_command_name(const char *function, char *buf, size_t size) {
  if (strncmp(function, "SG_", 3) == 0) function += 3;
  size_t o = 0;
  for (const char *p = function; *p && o + 1 < size; p++) {
    char c = *p;
    if (c == '_') c = '-';
    else if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    buf[o++] = c;
  }
  buf[o] = '\0';
}

void cli_option_name(const char *arg, char *buf, size_t size) {
  size_t o = 0;
  for (const char *p = arg; *p && o + 2 < size; p++) {
    char c = *p;
    if (c == '_') c = '-';
    if (c >= 'A' && c <= 'Z') {
      if (o > 0 && buf[o - 1] != '-') buf[o++] = '-';
      c = (char)(c - 'A' + 'a');
    }
    buf[o++] = c;
  }
  buf[o] = '\0';
}

const sgf_function *cli_find_command(const char *command) {
  const sgf_function *fn;
  char name[64];
  for (size_t i = 0; (fn = sgf_catalogue_at(i)) != NULL; i++) {
    cli_command_name(fn->name, name, sizeof name);
    if (strcmp(name, command) == 0) return fn;
  }
  return NULL;
}

void cli_first_sentence(const char *text, char *buf, size_t size) {
  const char *end = NULL;
  for (const char *p = text; *p; p++) {
    /* "e.g. " and "i.e. " do not end a sentence */
    int abbrev = p - text >= 3 && (strncmp(p - 3, "e.g", 3) == 0 || strncmp(p - 3, "i.e", 3) == 0);
    if (p[0] == '.' && (p[1] == ' ' || p[1] == '\0') && !abbrev) { end = p + 1; break; }
    if (strncmp(p, "。", strlen("。")) == 0) { end = p + strlen("。"); break; }
  }
  size_t len = end ? (size_t)(end - text) : strlen(text);
  if (len >= size) len = size - 1;
  memcpy(buf, text, len);
  buf[len] = '\0';
}

int cli_option(int argc, char **argv, int *i, const char *name, const char **value) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, n) != 0) return 0;
  if (a[2 + n] == '=') {
    *value = a + 3 + n;
    (*i)++;
    return 1;
  }
  if (a[2 + n] != '\0') return 0;
  *value = *i + 1 < argc ? argv[*i + 1] : NULL;
  *i += *value ? 2 : 1;
  return 1;
}

/* ------------------------------------------------------------ progress */

static double now_seconds(void) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

void cli_progress_start(cli_progress *p, const char *what) {
  p->enabled = isatty(STDERR_FILENO);
  p->shown = 0;
  p->start = now_seconds();
  p->last = 0;
  p->what = what;
}

void cli_progress_update(cli_progress *p, const char *phase, size_t done, size_t total) {
  if (!p->enabled) return;
  static const char *last_phase = "";
  if (phase) last_phase = phase;
  double t = now_seconds();
  if (t - p->start < 1.0 || t - p->last < 0.2) return;
  p->last = t;
  p->shown = 1;
  if (total > 0)
    fprintf(stderr, "\r\033[Ksalesgoal %s: %s %zu / %zu (%.0f%%), %.0f s", p->what, last_phase,
            done, total, 100.0 * (double)done / (double)total, t - p->start);
  else
    fprintf(stderr, "\r\033[Ksalesgoal %s: %s %.0f s", p->what, last_phase, t - p->start);
  fflush(stderr);
}

void cli_progress_end(cli_progress *p) {
  if (p->enabled && p->shown) fputs("\r\033[K", stderr);
  p->shown = 0;
}

/* ------------------------------------------------------------ store */

int cli_store_path(char *buf, size_t size) {
  static const sgf_function history_fn = {"salesgoal history", {"", ""}, 0, NULL, NULL, 0, SGF_IMPURE};
  sgf_call call = {.fn = &history_fn, .lang = cli_lang()};
  if (sgf_store_location(&call, buf, size) == 0) return 0;
  fprintf(stderr, "%s\n", call.message);
  return -1;
}

/* ------------------------------------------------------------ help */

static void usage(FILE *out) {
  const sgf_function *fn;
  fputs(cli_t("usage: salesgoal COMMAND [OPTIONS]\n"
              "       salesgoal COMMAND --help     options of one command\n\n"
              "The salesgoal functions on CSV files, the snapshot history, and workbook "
              "recalculation.\n"
              "A range option takes a CSV file (FILE.csv), one named column (FILE.csv:COLUMN) or - "
              "for standard input;\nother options take a number, a date (2026-03-31) or a text. "
              "Output: CSV on standard output.\n\nFunctions:\n",
              "用法：salesgoal 命令 [选项]\n"
              "      salesgoal 命令 --help     查看某个命令的选项\n\n"
              "在 CSV 文件上使用 salesgoal 函数、管理快照历史、重新计算工作簿。\n"
              "区域选项可以是 CSV 文件（文件.csv）、其中某一列（文件.csv:列名）或 -（标准输入）；\n"
              "其他选项可以是数字、日期（2026-03-31）或文本。结果以 CSV 输出到标准输出。\n\n函数：\n"),
        out);
  for (size_t i = 0; (fn = sgf_catalogue_at(i)) != NULL; i++) {
    char name[64], line[600];
    cli_command_name(fn->name, name, sizeof name);
    cli_first_sentence(fn->description[cli_lang()], line, sizeof line);
    fprintf(out, "  %-18s %s\n", name, line);
  }
  fputs(cli_t("\nHistory and workbooks:\n"
              "  history list                       plans in the snapshot database\n"
              "  history export --plan P [--format csv]\n"
              "                                     every snapshot of a plan, as CSV\n"
              "  history delete --plan P [--yes]    delete a plan's snapshots (asks first)\n"
              "  recalc IN --to xlsx|pdf|csv [-o OUT] [--values]\n"
              "                                     recalculate a workbook in LibreOffice and save "
              "it\n\n"
              "Exit status: 0 done, 1 bad input (the message says which option, row and value), 2 "
              "wrong usage.\n"
              "Language: Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh.\n",
              "\n历史与工作簿：\n"
              "  history list                       快照数据库中的计划\n"
              "  history export --plan 计划 [--format csv]\n"
              "                                     以 CSV 导出某计划的全部快照\n"
              "  history delete --plan 计划 [--yes] 删除某计划的快照（先确认）\n"
              "  recalc 输入文件 --to xlsx|pdf|csv [-o 输出文件] [--values]\n"
              "                                     在 LibreOffice 中重新计算工作簿并保存\n\n"
              "退出状态：0 成功，1 输入有误（消息会指明选项、行和值），2 用法错误。\n"
              "语言：LC_ALL、LC_MESSAGES 或 LANG 以 zh 开头时使用中文。\n"),
        out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    if (strcmp(cmd, "help") == 0 && argc > 2) {
      const sgf_function *fn = cli_find_command(argv[2]);
      if (fn) {
        cli_function_help(fn);
        return CLI_OK;
      }
    }
    usage(stdout);
    return fflush(stdout) == 0 ? CLI_OK : CLI_BAD_INPUT;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("salesgoal %s\n", SALESGOAL_VERSION);
    return CLI_OK;
  }
  /* `history list|export|delete` manage the store; `history --plan ...` is
   * SG_HISTORY, whose subcommand name it shares. */
  if (strcmp(cmd, "history") == 0 && (argc < 3 || argv[2][0] != '-'))
    return cli_history(argc - 1, argv + 1);
  if (strcmp(cmd, "recalc") == 0) return cli_recalc(argc - 1, argv + 1);
  const sgf_function *fn = cli_find_command(cmd);
  if (!fn) {
    cli_error("unknown command '%s'; 'salesgoal --help' lists the commands.",
              "未知命令“%s”；运行“salesgoal --help”查看所有命令。", cmd);
    return CLI_USAGE;
  }
  return cli_run_function(fn, argc - 1, argv + 1);
}
