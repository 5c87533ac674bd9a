/* Py_FatalError (through Python.h's macro: the calling function's name is
 * reported), Py_Exit and Py_AtExit in forked children; the parent prints
 * what the child wrote to stderr (first lines) and how it ended. Output
 * recorded from CPython 3.11. */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void crash(void) { Py_FatalError("something broke"); }
static void bye(void) { fprintf(stderr, "atexit ran\n"); }

static void run_child(const char *label, int what) {
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) return;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        if (what == 0)
            crash();
        if (what == 2) {
            Py_FinalizeEx();
            crash();
        }
        Py_AtExit(bye);
        Py_Exit(3);
    }
    close(fds[1]);
    char buf[4096];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof buf - 1 && (k = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)k;
    buf[n] = 0;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    /* First three lines only: the rest names a thread id. */
    char *p = buf;
    for (int line = 0; line < 3 && *p; line++) {
        char *nl = strchr(p, '\n');
        if (!nl) break;
        /* An address follows "(tstate=": cut it. */
        char *addr = strstr(p, "(tstate=");
        char *stop = addr && addr < nl ? addr : nl;
        printf("%s stderr: %.*s\n", label, (int)(stop - p), p);
        p = nl + 1;
    }
    if (WIFSIGNALED(status))
        printf("%s: killed by signal %s\n", label, WTERMSIG(status) == SIGABRT ? "SIGABRT" : "other");
    else
        printf("%s: exit status %d\n", label, WEXITSTATUS(status));
}

int main(void) {
    BEGIN_TEST();
    run_child("fatal", 0);
    run_child("exit", 1);
    run_child("fatal after finalize", 2);
    END_TEST();
}
