/*
 * png_colours - how many pixels of a PNG screenshot have each of the
 * given colours, so that a test can tell a rendered table from a blank
 * or unstyled page.
 *
 *	png_colours file.png rrggbb...
 *
 * Prints "rrggbb count" per colour, then "nonwhite count".  Reads the
 * 8-bit RGB and RGBA, non-interlaced images that Chromium writes; exits 2
 * on anything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static int
die(const char *msg)
{
	fprintf(stderr, "png_colours: %s\n", msg);
	exit(2);
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes the PNG row filters in place; rows start with the filter type. */
static void
unfilter(unsigned char *img, unsigned long w, unsigned long h, int bpp)
{
	unsigned long stride = w * bpp, y, x;
	unsigned char *row, *prev = NULL;
	int a, b, c;

	for (y = 0; y < h; y++) {
		row = img + y * (stride + 1);
		for (x = 0; x < stride; x++) {
			a = x >= (unsigned long)bpp ? row[1 + x - bpp] : 0;
			b = prev != NULL ? prev[1 + x] : 0;
			c = prev != NULL && x >= (unsigned long)bpp ?
			    prev[1 + x - bpp] : 0;
			switch (row[0]) {
			case 0: break;
			case 1: row[1 + x] += a; break;
			case 2: row[1 + x] += b; break;
			case 3: row[1 + x] += (a + b) / 2; break;
			case 4: row[1 + x] += paeth(a, b, c); break;
			default: die("bad filter type");
			}
		}
		prev = row;
	}
}

int
main(int argc, char **argv)
{
	static const unsigned char sig[8] = { 137, 'P', 'N', 'G', 13, 10, 26,
	    10 };
	unsigned char *file, *idat = NULL, *img, *p;
	unsigned long w = 0, h = 0, len, nidat = 0, x, y, *count, nonwhite = 0;
	unsigned long *want;
	uLongf outlen;
	long size;
	int bpp = 0, i;
	FILE *fp;

	if (argc < 2)
		die("usage: png_colours file.png rrggbb...");
	if ((fp = fopen(argv[1], "rb")) == NULL)
		die("cannot open the file");
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	rewind(fp);
	file = malloc(size > 0 ? size : 1);
	if (file == NULL || size < 8 || fread(file, 1, size, fp) != (size_t)size)
		die("cannot read the file");
	fclose(fp);
	if (memcmp(file, sig, 8) != 0)
		die("not a PNG");
	for (p = file + 8; p + 12 <= file + size; p += 12 + len) {
		len = be32(p);
		if (p + 12 + len > file + size)
			die("truncated chunk");
		if (memcmp(p + 4, "IHDR", 4) == 0) {
			w = be32(p + 8);
			h = be32(p + 12);
			if (p[16] != 8 || p[20] != 0 ||
			    (p[17] != 2 && p[17] != 6))
				die("not an 8-bit non-interlaced RGB(A) image");
			bpp = p[17] == 6 ? 4 : 3;
		} else if (memcmp(p + 4, "IDAT", 4) == 0) {
			if ((idat = realloc(idat, nidat + len)) == NULL)
				die("out of memory");
			memcpy(idat + nidat, p + 8, len);
			nidat += len;
		}
	}
	if (bpp == 0 || w == 0 || h == 0 || nidat == 0)
		die("no image data");
	outlen = h * (w * bpp + 1);
	if ((img = malloc(outlen)) == NULL)
		die("out of memory");
	if (uncompress(img, &outlen, idat, nidat) != Z_OK ||
	    outlen != h * (w * bpp + 1))
		die("bad image data");
	unfilter(img, w, h, bpp);
	want = calloc(argc, sizeof(*want));
	count = calloc(argc, sizeof(*count));
	if (want == NULL || count == NULL)
		die("out of memory");
	for (i = 2; i < argc; i++)
		want[i] = strtoul(argv[i], NULL, 16);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *px = img + y * (w * bpp + 1) + 1 +
			    x * bpp;
			unsigned long rgb = (unsigned long)px[0] << 16 |
			    px[1] << 8 | px[2];

			if (rgb != 0xffffff)
				nonwhite++;
			for (i = 2; i < argc; i++)
				if (rgb == want[i])
					count[i]++;
		}
	for (i = 2; i < argc; i++)
		printf("%s %lu\n", argv[i], count[i]);
	printf("nonwhite %lu\n", nonwhite);
	return 0;
}
