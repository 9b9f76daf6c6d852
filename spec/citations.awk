# strategy(9) contract and conformance suite -- see README
#
# Find the file:line citations of text files for spec/check-citations.
# Output, one citation per line, tab-separated:
#
#	doc  line  tree  path  first  last  identifiers
#
# tree is "cur", or "old" after a [7.99.4] marker (up to the end of the
# marker's parenthesis, table cell or sentence); identifiers are the
# code-like words of the citation's sentence (see
# check-citations for which).
#
# Text is read in units: a run of non-blank lines, where a line that
# starts a list item, a table row, a heading or a roff request starts a
# new unit, so that a sentence broken across lines is read whole.

BEGIN {
	CITE = "[A-Za-z0-9_][A-Za-z0-9_./-]*(\\.[chsS]|GENERIC):[0-9]+(-[0-9]+)?(, ?[0-9]+(-[0-9]+)?)*"
	TOKEN = "\\[7\\.99\\.4\\]|[()|]|\\. |" CITE
	split("true false NULL int void struct return const char long unsigned " \
	    "static for while break else LWP CPU IPL", a, " ")
	for (i in a)
		stop[a[i]] = 1
	n = 0
}

# lineof(pos): the line of the current unit that position pos is on.
function lineof(pos,    k) {
	for (k = n; k > 1; k--)
		if (pos >= ustart[k])
			return uline[k]
	return uline[1]
}

# ids(text): the identifiers named in text, space-separated.
function ids(s,    out, t, seen, m, w, rest, code) {
	out = ""
	# Citations and file names name no identifier.
	gsub(CITE, " ", s)
	gsub(/[A-Za-z0-9_.\/-]+\.[chsS]([^A-Za-z0-9_]|$)/, " ", s)
	# Code in backquotes: every word of it.
	while (match(s, /`[^`]*`/)) {
		code = substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, 1, RSTART - 1) " " substr(s, RSTART + RLENGTH)
		while (match(code, /[A-Za-z_][A-Za-z0-9_]*/)) {
			w = substr(code, RSTART, RLENGTH)
			code = substr(code, RSTART + RLENGTH)
			if (length(w) >= 3 && !(w in stop) && !(w in seen)) {
				seen[w] = 1
				out = out " " w
			}
		}
	}
	# Other words: with an underscore, followed by "(" (not a manual
	# reference), or upper case.
	while (match(s, /[A-Za-z_][A-Za-z0-9_]*/)) {
		w = substr(s, RSTART, RLENGTH)
		rest = substr(s, RSTART + RLENGTH)
		s = rest
		if (length(w) < 3 || (w in stop) || (w in seen))
			continue
		if (w ~ /_/ || (rest ~ /^\(/ && rest !~ /^\([0-9]/) ||
		    w ~ /^[A-Z][A-Z0-9_]+$/) {
			seen[w] = 1
			out = out " " w
		}
	}
	sub(/^ /, "", out)
	return out
}

function flush(    s, pos, tok, old, depth, mdepth, sent, c, f, rest, \
    m, k, r, a, b, idl, e) {
	if (n == 0)
		return
	s = unit
	pos = 1
	old = 0; depth = 0; mdepth = 0; sent = 1
	while (match(substr(s, pos), TOKEN)) {
		tok = substr(s, pos + RSTART - 1, RLENGTH)
		at = pos + RSTART - 1
		pos = at + RLENGTH
		if (tok == "[7.99.4]") {
			old = 1
			mdepth = depth
		} else if (tok == "(") {
			depth++
		} else if (tok == ")") {
			depth--
			if (old && depth < mdepth)
				old = 0
		} else if (tok == "|") {
			old = 0
			depth = 0
		} else if (tok == ". ") {
			old = 0
			sent = pos
		} else {
			e = index(substr(s, pos), ". ")
			e = (e ? pos + e - 1 : length(s) + 1)
			idl = ids(substr(s, sent, e - sent))
			k = index(tok, ":")
			f = substr(tok, 1, k - 1)
			rest = substr(tok, k + 1)
			m = split(rest, r, /, ?/)
			for (k = 1; k <= m; k++) {
				a = r[k]; b = r[k]
				if (index(r[k], "-")) {
					split(r[k], ab, "-")
					a = ab[1]; b = ab[2]
				}
				printf "%s\t%d\t%s\t%s\t%d\t%d\t%s\n", FILENAME, \
				    lineof(at), (old ? "old" : "cur"), f, a, b, idl
			}
		}
	}
	n = 0
	unit = ""
}

FNR == 1 {
	flush()
}

{
	line = $0
	sub(/\r$/, "", line)
	if (line ~ /^[ \t]*$/) {
		flush()
		next
	}
	if (line ~ /^(- |\* |\||#|\.|[0-9]+\. )/ || line ~ /^[A-Z][0-9]+\. /)
		flush()
	if (n > 0)
		unit = unit " "
	n++
	ustart[n] = length(unit) + 1
	uline[n] = FNR
	unit = unit line
}

END {
	flush()
}
