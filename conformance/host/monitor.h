/*
 * monitor.h - QEMU's machine protocol (QMP) over a unix socket: the
 * commands that save and restore a guest (stop, savevm, loadvm, cont,
 * info status, system_reset, set-action, quit), and the connection to the
 * guest's second serial port.
 */
#ifndef STRATEGY9_MONITOR_H
#define STRATEGY9_MONITOR_H

#include <stddef.h>

/* Connects to a unix socket QEMU listens on, retrying for up to ms
   milliseconds while QEMU starts.  -1 on failure (errno set). */
int unix_connect(const char *path, int ms);

/* Connects to QMP and negotiates capabilities.  -1 on failure. */
int mon_open(const char *path, int ms);

/* Runs one human-monitor command ("savevm x"); what it prints goes to
   out ("Error: ..." when QMP refuses it).  Returns 0, or -1 if QEMU did
   not answer within ms. */
int mon_cmd(int fd, const char *cmd, char *out, size_t len, int ms);

/* Sends one QMP command (a JSON object).  0 for a return, 1 for an error
   (its description in out), -1 if no answer came within ms. */
int mon_qmp(int fd, const char *json, char *out, size_t len, int ms);

/* An HMP command's output that reports a failure ("Error: ..."). */
int mon_failed(const char *out);

/* One command on the monitor; a failure's reason into why, nothing
   said.  -1 on failure. */
int mon_try(int fd, const char *cmd, int ms, char *why, size_t whylen);

/* One command on the monitor; a failure is reported on stderr with its
   answer, under who's name ("[profile] warning: ...").  -1 on failure. */
int mon_do(const char *who, int fd, const char *cmd, int ms);

/* The saved machine can be loaded again: a guest that shut down is reset
   (QEMU's reboot action set to reset for it, then back to shutdown).
   -1 on failure, said on stderr. */
int mon_reset(const char *who, int fd);

#endif
