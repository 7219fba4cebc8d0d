#!/usr/bin/env bash
# html cases: documentation pages shipped in Debian and npm packages, and pages made here by
# typedoc, javadoc and pod2html from real sources.
# Needs: apt-get install python3-doc cmake-doc sqlite3-doc git-doc postgresql-doc-15 debian-reference-en golang-1.19-doc openjdk-17-source
source "$(dirname "$0")/jph-lib.sh"
R=$S/run
dv() { dpkg-query -W -f='${Version}' $1; }
deb_html() { # slug file debian-package licence [notes]
  mk html $1 $2 project=debian:$3 format="$4" source="Debian $3 $(dv $3) $2" license="$5" ${6:+notes="$6"}
}
deb_html python-doc-library-json /usr/share/doc/python3-doc/html/library/json.html python3-doc "Sphinx HTML page" PSF-2.0
deb_html python-doc-tutorial-errors /usr/share/doc/python3-doc/html/tutorial/errors.html python3-doc "Sphinx HTML page" PSF-2.0
# nodejs-doc is NOT installed: on a machine whose node comes from another nodejs package, installing
# it makes apt remove that nodejs. Its page is taken from the .deb unpacked with dpkg-deb -x.
D=$S/deb; mkdir -p $D
(cd $D && ls nodejs-doc_*.deb >/dev/null 2>&1 || apt-get download nodejs-doc >/dev/null 2>&1; rm -rf x && dpkg-deb -x nodejs-doc_*.deb x)
NV=$(dpkg-deb -f $D/nodejs-doc_*.deb Version)
mk html nodejs-doc-api-path $D/x/usr/share/doc/nodejs/api/path.html project=debian:nodejs-doc format="Node.js API docs HTML page" \
  source="Debian nodejs-doc $NV /usr/share/doc/nodejs/api/path.html (from the .deb: apt-get download nodejs-doc; dpkg-deb -x)" license=MIT
deb_html cmake-doc-add-custom-command /usr/share/doc/cmake-data/html/command/add_custom_command.html cmake-doc "Sphinx HTML page" BSD-3-Clause
deb_html git-doc-git-stash /usr/share/doc/git-doc/git-stash.html git-doc "AsciiDoc HTML page" GPL-2.0-only
deb_html sqlite-doc-datatype3 /usr/share/doc/sqlite3/datatype3.html sqlite3-doc "SQLite documentation HTML page" "public domain"
deb_html sqlite-doc-foreignkeys /usr/share/doc/sqlite3/foreignkeys.html sqlite3-doc "SQLite documentation HTML page" "public domain"
deb_html postgresql-doc-tutorial-join /usr/share/doc/postgresql-doc-15/html/tutorial-join.html postgresql-doc-15 "DocBook HTML page" PostgreSQL
deb_html postgresql-doc-sql-select /usr/share/doc/postgresql-doc-15/html/sql-select.html postgresql-doc-15 "DocBook HTML page" PostgreSQL
deb_html debian-reference-ch04 /usr/share/debian-reference/ch04.en.html debian-reference-en "DocBook XSL HTML chapter" GPL-2.0-or-later
deb_html go-doc-go-mem /usr/share/doc/golang-1.19-doc/html/go_mem.html golang-1.19-doc "Go website HTML fragment (no <title>)" BSD-3-Clause

N=$(pk npm@11.19.1)
mk html npm-docs-npm-ci $N/docs/output/commands/npm-ci.html project=npm:npm format="npm docs HTML page (generated from Markdown)" \
  source="npm@11.19.1 docs/output/commands/npm-ci.html" license=Artistic-2.0

# typedoc on commander's type declarations
X=$R/tools; mkdir -p $X
[ -d $X/node_modules/typedoc ] || (cd $X && ( [ -f package.json ] || npm init -y >/dev/null ) && npm install --no-audit --no-fund typedoc@0.28.20 typescript@5.9.3 commander@14.0.3 >/dev/null 2>&1)
(cd $X && rm -rf td && npx typedoc --entryPoints node_modules/commander/typings/index.d.ts --out td --skipErrorChecking >/dev/null 2>&1)
mk html typedoc-commander-option $X/td/classes/Option.html project=npm:commander format="typedoc HTML page" \
  source="typedoc 0.28.20 (typescript 5.9.3) on commander@14.0.3 typings/index.d.ts; page classes/Option.html" \
  command="npx typedoc --entryPoints node_modules/commander/typings/index.d.ts --out td --skipErrorChecking" license="MIT (commander's doc comments)"

# javadoc on java.util.Optional from the JDK's sources (the JDK's own custom block tags declared)
J=$R/jd; mkdir -p $J
(cd $J && unzip -o -q /usr/lib/jvm/openjdk-17/lib/src.zip 'java.base/java/util/Optional.java' && rm -rf out && \
  javadoc -quiet -tag 'implSpec:a:Implementation Requirements:' -tag 'implNote:a:Implementation Note:' -tag 'apiNote:a:API Note:' \
    -d out --patch-module java.base=java.base java.base/java/util/Optional.java >/dev/null 2>&1)
mk html javadoc-java-util-optional $J/out/java.base/java/util/Optional.html project=debian:openjdk-17-source format="javadoc HTML page (JDK 17)" \
  source="javadoc 17 on java.base/java/util/Optional.java from Debian openjdk-17-source $(dv openjdk-17-source) lib/src.zip" \
  command="javadoc -quiet -tag 'implSpec:a:Implementation Requirements:' -tag 'implNote:a:Implementation Note:' -tag 'apiNote:a:API Note:' -d out --patch-module java.base=java.base java.base/java/util/Optional.java" \
  license="GPL-2.0-only WITH Classpath-exception-2.0"

# pod2html on Getopt::Long
pod2html --infile=/usr/share/perl/5.36.0/Getopt/Long.pm --outfile=$S/in/getopt-long.html >/dev/null 2>&1; rm -f pod2htmd.tmp
mk html pod2html-getopt-long $S/in/getopt-long.html project=debian:perl-modules-5.36 format="pod2html page" \
  source="pod2html (perl 5.36) on /usr/share/perl/5.36.0/Getopt/Long.pm from Debian perl-modules-5.36 $(dv perl-modules-5.36)" \
  command="pod2html --infile=/usr/share/perl/5.36.0/Getopt/Long.pm --outfile=getopt-long.html" license="GPL-1.0-or-later OR Artistic-1.0-Perl"
