/*
 * outfile.h - writing an output so that it can never destroy an input or another
 * output: outputs are compared with inputs by device and inode (not by path
 * string), folders are created without following symlinks, and every file is
 * written to a temporary file beside its target and renamed into place only
 * when complete, so a failure leaves nothing half-written and a symlink planted
 * at the target is replaced, never written through.
 */
#ifndef BL_OUTFILE_H
#define BL_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
    dev_t dev;
    ino_t ino;
} bl_fileid;

/** The identity of an existing file (following symlinks); false when it cannot be stat'ed. */
bool bl_fileid_of(const char *path, bl_fileid *out);

/** Is path an existing file that is one of ids[0..n) (ids sorted by bl_fileid_sort)? */
bool bl_outfile_is_one_of(const char *path, const bl_fileid *ids, size_t n);

/** Sort ids for bl_outfile_is_one_of. */
void bl_fileid_sort(bl_fileid *ids, size_t n);

/**
 * Create the folders of the file path `path` below the existing or creatable folder
 * `root` (root itself included). A folder that is a symlink, or a non-folder in the
 * way, is refused. Returns 0, or -1 with a message in err.
 */
int bl_outfile_dirs(const char *root, const char *path, char *err, size_t errsz);

/**
 * A new empty temporary file beside path (same folder, O_EXCL, mode 0644): its name
 * (malloc'd, caller frees) and its open descriptor in *fd; NULL with a message in err.
 */
char *bl_outfile_temp(const char *path, int *fd, char *err, size_t errsz);

/**
 * Finish a temporary file: fsync it, then rename it over path. On any failure the
 * temporary file is removed and -1 returned with a message in err.
 */
int bl_outfile_commit(char *tmp, int fd, const char *path, char *err, size_t errsz);

#endif
