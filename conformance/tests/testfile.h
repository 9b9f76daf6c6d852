/*
 * testfile.h - what the ATF C tests of this directory share: a fixture
 * file written from a string, the test failing if it cannot be.
 */
#ifndef TESTFILE_H
#define TESTFILE_H

void	write_text(const char *path, const char *text);

#endif
