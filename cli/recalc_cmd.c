/* recalc_cmd.c — salesgoal recalc IN --to xlsx|pdf|csv [-o OUT] [--values]
 *
 * A fresh copy for colleagues still on Excel: the workbook recalculated in
 * a headless LibreOffice with the extension in a private profile, saved in
 * another format. The work is done by the salesgoal-recalc script installed
 * beside the command (libexec/salesgoal/, or cli/ in the source tree);
 * this side checks the arguments, runs it and, on a terminal, shows its
 * phases with the time taken once it has run for a second. */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PATH_SIZE 4096

static int recalc_usage(void) {
  fputs(cli_t("usage: salesgoal recalc IN.(ods|fods|xlsx|xls) --to xlsx|pdf|csv [-o OUT] "
              "[--values]\n"
              "  Recalculates every formula in a headless LibreOffice with salesgoal installed "
              "and saves\n  the workbook, so colleagues on Excel see current values. --values: "
              "every salesgoal formula\n  is replaced by its value. OUT defaults to IN with the "
              "new extension (csv: one file per\n  sheet, OUT-SHEET.csv, when there are several).\n",
              "用法：salesgoal recalc 输入.(ods|fods|xlsx|xls) --to xlsx|pdf|csv [-o 输出] "
              "[--values]\n"
              "  在安装了 salesgoal 的无界面 LibreOffice 中重新计算全部公式并保存工作簿，\n"
              "  使用 Excel 的同事也能看到最新数值。--values：把每个 salesgoal 公式替换为其值。\n"
              "  输出默认与输入同名、换用新扩展名（csv：有多个工作表时每个工作表一个文件，"
              "输出-工作表.csv）。\n"),
        stderr);
  return CLI_USAGE;
}

static const char *extension(const char *path) {
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* The folder of this executable. */
static int exe_dir(char *buf, size_t size) {
  ssize_t n = readlink("/proc/self/exe", buf, size - 1);
  if (n <= 0) return -1;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  if (!slash) return -1;
  *slash = '\0';
  return 0;
}

static int find_script(char *buf, size_t size) {
  const char *env = getenv("SALESGOAL_RECALC");
  if (env && env[0]) {
    snprintf(buf, size, "%s", env);
    return access(buf, X_OK);
  }
  char dir[PATH_SIZE];
  if (exe_dir(dir, sizeof dir) != 0) return -1;
  const char *candidates[] = {"%s/../libexec/salesgoal/salesgoal-recalc",
                              "%s/../cli/salesgoal-recalc.sh"};
  for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
    int w = snprintf(buf, size, candidates[i], dir);
    if (w > 0 && (size_t)w < size && access(buf, X_OK) == 0) return 0;
  }
  return -1;
}

static const char *phase_text(const char *key) {
  if (strcmp(key, "setup") == 0)
    return cli_t("installing salesgoal into a private LibreOffice profile...",
                 "正在把 salesgoal 安装到专用的 LibreOffice 配置中……");
  if (strcmp(key, "start") == 0) return cli_t("starting LibreOffice...", "正在启动 LibreOffice……");
  if (strcmp(key, "load") == 0) return cli_t("loading the workbook...", "正在加载工作簿……");
  if (strcmp(key, "recalc") == 0) return cli_t("recalculating...", "正在重新计算……");
  if (strcmp(key, "values") == 0)
    return cli_t("replacing formulas by values...", "正在把公式替换为数值……");
  if (strcmp(key, "save") == 0) return cli_t("saving...", "正在保存……");
  return NULL;
}

/* Lines from the script: a phase ("load") or a file written ("wrote PATH"). */
typedef struct script_output {
  cli_progress progress;
  char line[PATH_SIZE];
  size_t used;
  char written[8192];
} script_output;

static void take(script_output *o, const char *buf, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (buf[i] != '\n') {
      if (o->used + 1 < sizeof o->line) o->line[o->used++] = buf[i];
      continue;
    }
    o->line[o->used] = '\0';
    const char *text = phase_text(o->line);
    size_t have = strlen(o->written);
    if (text)
      cli_progress_update(&o->progress, text, 0, 0);
    else if (strncmp(o->line, "wrote ", 6) == 0 && have + o->used < sizeof o->written)
      snprintf(o->written + have, sizeof o->written - have, "%s\n", o->line + 6);
    o->used = 0;
  }
}

/* Run the script, showing its phases; its exit status. The files it
 * wrote are printed on standard output at the end. */
static int run_script(char *const argv[]) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(fds[0]);
    if (fds[1] != 3) {
      dup2(fds[1], 3);
      close(fds[1]);
    }
    execv(argv[0], argv);
    fprintf(stderr, "salesgoal: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  static script_output o; /* large buffers, one run per process */
  cli_progress_start(&o.progress, "recalc");
  char buf[512];
  int status = 0, open_pipe = 1;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    struct pollfd pfd = {fds[0], POLLIN, 0};
    if (open_pipe && poll(&pfd, 1, 200) > 0) {
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n == 0) open_pipe = 0;
      if (n > 0) take(&o, buf, (size_t)n);
    } else if (!open_pipe) {
      poll(NULL, 0, 200);
    }
    cli_progress_update(&o.progress, NULL, 0, 0);
  }
  /* what the script wrote just before it exited */
  for (ssize_t n; open_pipe && (n = read(fds[0], buf, sizeof buf)) > 0;) take(&o, buf, (size_t)n);
  cli_progress_end(&o.progress);
  close(fds[0]);
  fputs(o.written, stdout);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 1;
}

int cli_recalc(int argc, char **argv) {
  const char *in = NULL, *to = NULL, *out = NULL;
  int values = 0;
  for (int i = 1; i < argc;) {
    const char *v = NULL;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      recalc_usage();
      return CLI_OK;
    }
    if (strcmp(argv[i], "--values") == 0) {
      values = 1;
      i++;
    } else if (cli_option(argc, argv, &i, "to", &v)) {
      if (!v) return recalc_usage();
      to = v;
    } else if (strcmp(argv[i], "-o") == 0 || cli_option(argc, argv, &i, "output", &v)) {
      if (strcmp(argv[i], "-o") == 0) {
        if (i + 1 >= argc) return recalc_usage();
        v = argv[i + 1];
        i += 2;
      }
      if (!v) return recalc_usage();
      out = v;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      cli_error("recalc: unknown option %s.", "recalc：未知选项 %s。", argv[i]);
      return recalc_usage();
    } else if (!in) {
      in = argv[i++];
    } else {
      cli_error("recalc: one workbook at a time (%s and %s given).",
                "recalc：一次只能处理一个工作簿（给出了 %s 和 %s）。", in, argv[i]);
      return recalc_usage();
    }
  }
  if (!in || !to) return recalc_usage();
  const char *ext = extension(in);
  if (strcasecmp(ext, "ods") != 0 && strcasecmp(ext, "fods") != 0 && strcasecmp(ext, "xlsx") != 0 &&
      strcasecmp(ext, "xls") != 0) {
    cli_error("recalc: %s is not a workbook salesgoal recalculates (.ods, .fods, .xlsx, .xls).",
              "recalc：%s 不是可重新计算的工作簿（.ods、.fods、.xlsx、.xls）。", in);
    return CLI_USAGE;
  }
  if (strcmp(to, "xlsx") != 0 && strcmp(to, "pdf") != 0 && strcmp(to, "csv") != 0) {
    cli_error("recalc: --to %s: choose xlsx, pdf or csv.", "recalc：--to %s：请选择 xlsx、pdf 或 csv。",
              to);
    return CLI_USAGE;
  }
  char in_abs[PATH_MAX], out_path[PATH_SIZE], out_abs[PATH_SIZE], script[PATH_SIZE];
  struct stat sb;
  if (stat(in, &sb) != 0 || !S_ISREG(sb.st_mode) || !realpath(in, in_abs)) {
    cli_error("recalc: no such workbook: %s", "recalc：找不到工作簿：%s", in);
    return CLI_BAD_INPUT;
  }
  if (out) {
    snprintf(out_path, sizeof out_path, "%s", out);
  } else { /* IN with the new extension; never IN itself */
    size_t stem = strlen(in_abs) - strlen(ext) - 1;
    const char *suffix = values ? "-values" : strcasecmp(ext, to) == 0 ? "-recalculated" : "";
    snprintf(out_path, sizeof out_path, "%.*s%s.%s", (int)stem, in_abs, suffix, to);
  }
  /* the output's folder must exist; the script gets absolute paths */
  char dir[PATH_SIZE], dir_abs[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", out_path);
  char *slash = strrchr(dir, '/');
  const char *base = slash ? slash + 1 : out_path;
  if (slash == dir) snprintf(dir, sizeof dir, "/");
  else if (slash) *slash = '\0';
  else snprintf(dir, sizeof dir, ".");
  if (!base[0] || !realpath(dir, dir_abs)) {
    cli_error("recalc: cannot write %s: no such folder.", "recalc：无法写入 %s：文件夹不存在。",
              out_path);
    return CLI_BAD_INPUT;
  }
  int w = snprintf(out_abs, sizeof out_abs, "%s/%s", strcmp(dir_abs, "/") == 0 ? "" : dir_abs, base);
  if (w < 0 || (size_t)w >= sizeof out_abs) {
    cli_error("recalc: the output path is too long.", "recalc：输出路径过长。");
    return CLI_USAGE;
  }
  if (strcmp(out_abs, in_abs) == 0) {
    cli_error("recalc: the output would overwrite the input %s; give another -o.",
              "recalc：输出会覆盖输入文件 %s；请用 -o 指定其他文件。", in_abs);
    return CLI_USAGE;
  }
  if (find_script(script, sizeof script) != 0) {
    cli_error("recalc: the helper salesgoal-recalc is not installed beside the command (set "
              "SALESGOAL_RECALC to its path).",
              "recalc：命令旁边没有安装辅助程序 salesgoal-recalc（可将 SALESGOAL_RECALC 设为其路径）。");
    return CLI_BAD_INPUT;
  }
  char *args[] = {script, in_abs, out_abs, (char *)to, values ? "1" : "0", "3", NULL};
  fflush(stdout);
  int rc = run_script(args);
  if (rc == 0) return CLI_OK;
  cli_error("recalc: %s was not converted (the reason is above).", "recalc：%s 未能转换（原因见上）。",
            in);
  return CLI_BAD_INPUT; /* the arguments were checked above: the conversion failed */
}
