/*
 * testfile.c - fixture files for the ATF C tests (testfile.h).  Not
 * ../lib's file writers: those report on stderr and go on, and a test
 * wants to fail where its fixture cannot be written.
 */
#include <atf-c.h>

#include <stdio.h>

#include "testfile.h"

void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ATF_REQUIRE(fp != NULL);
	fputs(text, fp);
	ATF_REQUIRE(fclose(fp) == 0);
}
