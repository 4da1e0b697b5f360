/* outfile.c - outputs written whole, beside their target, never over an input. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

#include "banned.h"

bool bl_fileid_of(const char *path, bl_fileid *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    out->dev = st.st_dev;
    out->ino = st.st_ino;
    return true;
}

static int cmp_id(const void *a, const void *b)
{
    const bl_fileid *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    return (x->ino > y->ino) - (x->ino < y->ino);
}

void bl_fileid_sort(bl_fileid *ids, size_t n)
{
    if (n > 1)
        qsort(ids, n, sizeof *ids, cmp_id);
}

bool bl_outfile_is_one_of(const char *path, const bl_fileid *ids, size_t n)
{
    bl_fileid me;
    if (!n || !bl_fileid_of(path, &me))
        return false;
    return bsearch(&me, ids, n, sizeof *ids, cmp_id) != NULL;
}

/* mkdir one folder; an existing one must be a real folder, not a symlink. */
static int one_dir(const char *dir, char *err, size_t errsz)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errsz, "cannot create folder '%s': %s", dir, bl_strerror(errno));
        return -1;
    }
    if (lstat(dir, &st) != 0) {
        snprintf(err, errsz, "cannot create folder '%s': %s", dir, bl_strerror(errno));
        return -1;
    }
    if (S_ISLNK(st.st_mode)) {
        snprintf(err, errsz, "'%s' is a symlink: refusing to write through it", dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "'%s' is in the way: not a folder", dir);
        return -1;
    }
    return 0;
}

int bl_outfile_dirs(const char *root, const char *path, char *err, size_t errsz)
{
    size_t rl = strlen(root);
    while (rl > 1 && root[rl - 1] == '/')
        rl--;
    /* the root itself may be a symlink the user named on purpose: created, not checked */
    char *buf = bl_xmalloc(strlen(path) + 1);
    memcpy(buf, path, strlen(path) + 1);
    if (mkdir(root, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errsz, "cannot create folder '%s': %s", root, bl_strerror(errno));
        free(buf);
        return -1;
    }
    /* each folder between root and the file */
    for (size_t i = rl + 1; buf[i]; i++) {
        if (buf[i] != '/')
            continue;
        buf[i] = '\0';
        int rc = one_dir(buf, err, errsz);
        buf[i] = '/';
        if (rc < 0) {
            free(buf);
            return -1;
        }
    }
    free(buf);
    return 0;
}

char *bl_outfile_temp(const char *path, int *fd, char *err, size_t errsz)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = dl + strlen(base) + 16;
    char *tmp = bl_xmalloc(n);
    snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dl, path, base);
    *fd = mkstemp(tmp);
    if (*fd < 0) {
        snprintf(err, errsz, "cannot create a temporary file beside '%s': %s", path, bl_strerror(errno));
        free(tmp);
        return NULL;
    }
    fchmod(*fd, 0644);
    return tmp;
}

int bl_outfile_commit(char *tmp, int fd, const char *path, char *err, size_t errsz)
{
    int rc = 0;
    if (fd >= 0 && fsync(fd) != 0) {
        snprintf(err, errsz, "cannot write '%s': %s", path, bl_strerror(errno));
        rc = -1;
    }
    if (fd >= 0 && close(fd) != 0 && rc == 0) {
        snprintf(err, errsz, "cannot write '%s': %s", path, bl_strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        snprintf(err, errsz, "cannot write '%s': %s", path, bl_strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
