#!/usr/bin/env bash
# prose cases: Markdown docs and changelogs shipped in npm packages, man pages, --help output,
# Debian's release notes and NEWS files, pydoc and go doc pages.
# Needs: man-db and the packages of the pages (git-man findutils tar openssh-client grep make apt procps),
# golang-go, python3.11, python3-colorama, perl
source "$(dirname "$0")/jph-lib.sh"
P=$S/in/prose; mkdir -p $P

# --- Markdown shipped in npm packages
C=$(pk commander@14.0.3)
mk prose commander-readme $C/Readme.md project=npm:commander format="Markdown README" source="commander@14.0.3 Readme.md" license=MIT
N=$(pk npm@11.19.1)
mk prose npm-docs-npm-install $N/docs/content/commands/npm-install.md project=npm:npm format="Markdown documentation page (front matter)" \
  source="npm@11.19.1 docs/content/commands/npm-install.md" license=Artistic-2.0
U=$(pk undici@7.16.0)
mk prose undici-docs-dispatcher $U/docs/docs/api/Dispatcher.md project=npm:undici format="Markdown API reference" \
  source="undici@7.16.0 docs/docs/api/Dispatcher.md" license=MIT
A=$(pk axios@1.13.2)
mk prose axios-changelog $A/CHANGELOG.md project=npm:axios format="CHANGELOG.md (conventional-changelog)" \
  source="axios@1.13.2 CHANGELOG.md" license=MIT
PI=$(pk pino@10.1.0)
mk prose pino-docs-api $PI/docs/api.md project=npm:pino format="Markdown API reference" source="pino@10.1.0 docs/api.md" license=MIT
F=$(pk fastify@5.6.1)
mk prose fastify-docs-hooks $F/docs/Reference/Hooks.md project=npm:fastify format="Markdown documentation page" \
  source="fastify@5.6.1 docs/Reference/Hooks.md" license=MIT
Q=$(pk qs@6.14.0)
mk prose qs-changelog $Q/CHANGELOG.md project=npm:qs format="CHANGELOG.md (keep-a-changelog style lists)" source="qs@6.14.0 CHANGELOG.md" license=BSD-3-Clause
W=$(pk ws@8.18.3)
mk prose ws-readme $W/README.md project=npm:ws format="Markdown README" source="ws@8.18.3 README.md" license=MIT
M=$(pk mime-db@1.54.0)
mk prose mime-db-history $M/HISTORY.md project=npm:mime-db format="HISTORY.md (setext version headings)" source="mime-db@1.54.0 HISTORY.md" license=MIT

# --- man pages as man prints them to a pipe (man-db formats without overstrike when not on a tty)
dv() { dpkg-query -W -f='${Version}' $1; }
man_case() { # name debian-package licence
  MANWIDTH=80 man $1 > $P/man-$1.txt
  mk prose man-$1 $P/man-$1.txt project=debian:$2 format="man page (man-db, 80 columns, plain)" \
    source="$(man -w $1) from Debian $2 $(dv $2)" command="MANWIDTH=80 man $1 > out.txt" license="$3"
}
man_case git-rebase git-man GPL-2.0-only
man_case find findutils GFDL-1.3-or-later
man_case tar tar GPL-3.0-or-later
man_case ssh openssh-client BSD-2-Clause
man_case grep grep GPL-3.0-or-later
man_case make make GPL-3.0-or-later
man_case apt-get apt GPL-2.0-or-later
man_case ps procps LGPL-2.0-or-later

# --- --help output
node --help > $P/node-help.txt
mk prose node-help $P/node-help.txt project=host:node format="--help output" source="node v20.20.2 (node-linux-x64 build on this machine)" \
  command="node --help" license="MIT; output of node run on this machine"
git help -a > $P/git-help-a.txt
mk prose git-help-all $P/git-help-a.txt project=debian:git format="--help output" source="git 2.39.5 (Debian)" \
  command="git help -a" license="GPL-2.0-only; output of git run on this machine"
python3 --help-all > $P/python3-help-all.txt 2>&1 || python3 --help > $P/python3-help-all.txt
mk prose python3-help-all $P/python3-help-all.txt project=host:python3 format="--help output" source="Python 3.11.7 (pyenv build on this machine)" \
  command="python3 --help-all" license="PSF-2.0; output of python3 run on this machine"
cargo build --help > $P/cargo-build-help.txt
mk prose cargo-build-help $P/cargo-build-help.txt project=host:cargo format="--help output" source="cargo 1.95.0 (rustup toolchain on this machine)" \
  command="cargo build --help" license="MIT OR Apache-2.0; output of cargo run on this machine"
go help testflag > $P/go-help-testflag.txt
mk prose go-help-testflag $P/go-help-testflag.txt project=host:go format="go help topic" source="go 1.19.8 (Debian golang-1.19-go)" \
  command="go help testflag" license="BSD-3-Clause; output of go run on this machine"

# --- Debian and upstream notes shipped in /usr/share/doc
mk prose git-relnotes-2.38.0 /usr/share/doc/git/RelNotes/2.38.0.txt project=debian:git format="release notes (plain text, setext title)" \
  source="Debian git $(dv git) /usr/share/doc/git/RelNotes/2.38.0.txt" license=GPL-2.0-only
zcat /usr/share/doc/openssh-client/NEWS.Debian.gz > $P/openssh-news-debian.txt
mk prose openssh-news-debian $P/openssh-news-debian.txt project=debian:openssh-client format="NEWS.Debian (Debian changelog format)" \
  source="Debian openssh-client $(dv openssh-client) /usr/share/doc/openssh-client/NEWS.Debian.gz, decompressed" command="zcat /usr/share/doc/openssh-client/NEWS.Debian.gz" license=BSD-2-Clause
zcat /usr/share/doc/make/NEWS.gz > $P/make-news.txt
mk prose make-news $P/make-news.txt project=debian:make format="GNU NEWS file (plain text)" \
  source="Debian make $(dv make) /usr/share/doc/make/NEWS.gz, decompressed" command="zcat /usr/share/doc/make/NEWS.gz" license=GPL-3.0-or-later

# --- pydoc and go doc
/usr/bin/pydoc3 json > $P/pydoc-json.txt
mk prose pydoc3-json $P/pydoc-json.txt project=debian:python3.11 format="pydoc text page" source="Debian python3.11 $(dv python3.11) /usr/bin/pydoc3 on the json package" \
  command="/usr/bin/pydoc3 json" license="PSF-2.0 (docstrings of the standard library)"
(cd /tmp && go doc -all strings > $P/go-doc-strings.txt)
mk prose go-doc-all-strings $P/go-doc-strings.txt project=debian:golang-1.19-src format="go doc -all" source="go 1.19.8 (Debian) standard library package strings" \
  command="go doc -all strings" license="BSD-3-Clause (Go standard library doc comments)"

# --- more formats: RST long description in Python METADATA, pod2text, a short README
mk prose colorama-metadata-rst /usr/lib/python3/dist-packages/colorama-0.4.6.dist-info/METADATA project=debian:python3-colorama \
  format="Python package METADATA (RST long description)" --markdown=true \
  source="Debian python3-colorama $(dv python3-colorama) /usr/lib/python3/dist-packages/colorama-0.4.6.dist-info/METADATA" license=BSD-3-Clause \
  notes="RST: setext-style underlined headings are read as headings (--markdown=true)"
pod2text /usr/share/perl/5.36.0/Getopt/Long.pm > $P/pod2text-getopt-long.txt
mk prose pod2text-getopt-long $P/pod2text-getopt-long.txt project=debian:perl-modules-5.36 format="pod2text (POD rendered as text)" \
  source="Debian perl-modules-5.36 $(dv perl-modules-5.36) /usr/share/perl/5.36.0/Getopt/Long.pm" command="pod2text /usr/share/perl/5.36.0/Getopt/Long.pm" \
  license="GPL-1.0-or-later OR Artistic-1.0-Perl"
CH=$(pk chalk@5.6.2)
mk prose chalk-readme $CH/readme.md project=npm:chalk format="Markdown README" source="chalk@5.6.2 readme.md" license=MIT
