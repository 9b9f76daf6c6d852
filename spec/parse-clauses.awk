# strategy(9) contract and conformance suite -- see README
#
# Parse the clauses of spec/strategy-contract.md into tab-separated
# records, one a line, for spec/check-spec and spec/gen-checklist:
#
#	clause	LINE	ID	TITLE
#	field	LINE	ID	NAME	VALUE
#	junk	LINE	ID	TEXT		(a line in a clause that is no field)
#	mapsection	LINE
#	map	LINE	ID	LEVEL	TESTS	CHECKEDBY	(a row of the clause-to-test map)
#
# The map has the columns Clause, Level, Checked by and Tests; a row of
# three cells is read as Clause, Level and Tests, with CHECKEDBY empty.
#
# A clause is a "### ID: Title" heading in the "## Clauses" section and
# the "- Name: value" lines after it, up to the next heading.  A line
# indented by two or more spaces continues the field above it.

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function flush() {
	if (fname != "")
		printf "field\t%d\t%s\t%s\t%s\n", fline, id, fname, fval
	fname = ""
}

BEGIN {
	section = ""
	id = ""
	fname = ""
}

{
	sub(/\r$/, "")
}

/^## / {
	flush()
	id = ""
	section = trim(substr($0, 4))
	if (section == "Clause-to-test map")
		printf "mapsection\t%d\n", NR
	next
}

/^#/ {
	flush()
	id = ""
	if (section != "Clauses" || $0 !~ /^### /)
		next
	h = trim(substr($0, 5))
	p = index(h, ":")
	if (p == 0) {
		id = h
		title = ""
	} else {
		id = trim(substr(h, 1, p - 1))
		title = trim(substr(h, p + 1))
	}
	if (id == "")
		id = "(none)"
	printf "clause\t%d\t%s\t%s\n", NR, id, title
	next
}

section == "Clauses" && id != "" {
	if ($0 ~ /^- [A-Za-z]+:/) {
		flush()
		line = substr($0, 3)
		p = index(line, ":")
		fname = substr(line, 1, p - 1)
		fval = trim(substr(line, p + 1))
		fline = NR
		next
	}
	if ($0 ~ /^  +[^ ]/ && fname != "") {
		fval = trim(fval " " trim($0))
		next
	}
	if (trim($0) == "") {
		flush()
		next
	}
	flush()
	printf "junk\t%d\t%s\t%s\n", NR, id, $0
	next
}

section == "Clause-to-test map" && /^\|/ {
	row = $0
	sub(/^\|/, "", row)
	sub(/\|[ \t]*$/, "", row)
	n = split(row, cell, "|")
	c1 = trim(cell[1])
	gsub(/[`*]/, "", c1)
	if (c1 == "Clause" || c1 ~ /^:?-+:?$/)
		next
	if (n >= 4) {
		by = trim(cell[3])
		tests = trim(cell[4])
	} else {
		by = ""
		tests = (n >= 3 ? trim(cell[3]) : "")
	}
	printf "map\t%d\t%s\t%s\t%s\t%s\n", NR, c1, \
	    (n >= 2 ? trim(cell[2]) : ""), tests, by
	next
}

END {
	flush()
}
