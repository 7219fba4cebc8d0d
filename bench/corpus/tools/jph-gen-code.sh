#!/usr/bin/env bash
# code cases: source files shipped in npm packages and Debian packages, many languages.
# Needs: apt-get install ruby-thor ruby-rack php-symfony-console lua-penlight openjdk-17-source (others were on the machine:
# golang-1.19-src, golang-github-sirupsen-logrus-dev, golang-github-spf13-pflag-dev, librust-serde-json-dev,
# librust-indexmap-dev, zlib1g-dev, libexpat1-dev, python3-mypy, python3-yaml, python3-colorama, libdpkg-perl, git)
source "$(dirname "$0")/jph-lib.sh"
dv() { dpkg-query -W -f='${Version}' $1; }
npm_code() { # slug spec path lang format licence
  local d; d=$(pk $2)
  mk code $1 $d/$3 project=npm:${2%@*} format="$5" source="$2 $3" license="$6" --lang=$4
}
deb_code() { # slug file debian-package lang format licence
  mk code $1 $2 project=debian:$3 format="$5" source="Debian $3 $(dv $3) $2" license="$6" --lang=$4
}
npm_code commander-lib-command-js commander@14.0.3 lib/command.js js "JavaScript (CommonJS class)" MIT
npm_code express-lib-response-js express@5.3.0 lib/response.js js "JavaScript (CommonJS, methods on an exported object)" MIT
npm_code types-node-dns-d-ts @types/node@26.6.11 dns.d.ts dts "TypeScript declaration file (.d.ts)" MIT
npm_code rxjs-observable-ts rxjs@7.8.2 src/internal/Observable.ts js "TypeScript" Apache-2.0
npm_code zod-v3-zoderror-ts zod@3.25.76 src/v3/ZodError.ts js "TypeScript" MIT
npm_code preact-src-component-js preact@10.27.2 src/component.js js "JavaScript (ES module)" MIT
npm_code undici-types-dispatcher-d-ts undici@7.16.0 types/dispatcher.d.ts dts "TypeScript declaration file (.d.ts)" MIT

deb_code python-stdlib-argparse-py /usr/lib/python3.11/argparse.py libpython3.11-minimal py "Python" PSF-2.0
deb_code pyyaml-constructor-py /usr/lib/python3/dist-packages/yaml/constructor.py python3-yaml py "Python" MIT
deb_code colorama-ansitowin32-py /usr/lib/python3/dist-packages/colorama/ansitowin32.py python3-colorama py "Python" BSD-3-Clause
deb_code go-stdlib-encoding-json-decode-go /usr/share/go-1.19/src/encoding/json/decode.go golang-1.19-src go "Go" BSD-3-Clause
deb_code logrus-entry-go /usr/share/gocode/src/github.com/sirupsen/logrus/entry.go golang-github-sirupsen-logrus-dev go "Go" MIT
deb_code pflag-flag-go /usr/share/gocode/src/github.com/spf13/pflag/flag.go golang-github-spf13-pflag-dev go "Go" BSD-3-Clause
deb_code serde-json-value-mod-rs /usr/share/cargo/registry/serde_json-1.0.87/src/value/mod.rs librust-serde-json-dev rs "Rust" "MIT OR Apache-2.0"
deb_code indexmap-map-rs /usr/share/cargo/registry/indexmap-1.9.2/src/map.rs librust-indexmap-dev rs "Rust" "Apache-2.0 OR MIT"
deb_code zlib-h /usr/include/zlib.h zlib1g-dev c "C header" Zlib
deb_code expat-h /usr/include/expat.h libexpat1-dev c "C header" MIT
deb_code mypyc-lib-rt-misc-ops-c /usr/lib/python3/dist-packages/mypyc/lib-rt/misc_ops.c python3-mypy c "C (CPython extension runtime)" MIT
deb_code rack-request-rb /usr/share/rubygems-integration/all/gems/rack-2.2.22/lib/rack/request.rb ruby-rack rb "Ruby" MIT
deb_code thor-base-rb /usr/share/rubygems-integration/all/gems/thor-1.2.1/lib/thor/base.rb ruby-thor rb "Ruby" MIT
deb_code symfony-console-application-php /usr/share/php/Symfony/Component/Console/Application.php php-symfony-console php "PHP" MIT
deb_code penlight-stringx-lua /usr/share/lua/5.4/pl/stringx.lua lua-penlight lua "Lua" MIT
deb_code dpkg-version-pm /usr/share/perl5/Dpkg/Version.pm libdpkg-perl pl "Perl module" GPL-2.0-or-later
deb_code git-sh-setup-sh /usr/lib/git-core/git-sh-setup git sh "POSIX shell library" GPL-2.0-only

# Java: sources from the JDK's src.zip
J=$S/run/jd; mkdir -p $J
(cd $J && unzip -o -q /usr/lib/jvm/openjdk-17/lib/src.zip 'java.base/java/util/Optional.java' 'java.base/java/util/Objects.java')
for c in Optional Objects; do
  mk code openjdk-java-util-$(echo $c | tr A-Z a-z)-java $J/java.base/java/util/$c.java project=debian:openjdk-17-source format="Java" \
    source="Debian openjdk-17-source $(dv openjdk-17-source) /usr/lib/jvm/openjdk-17/lib/src.zip java.base/java/util/$c.java" \
    command="unzip /usr/lib/jvm/openjdk-17/lib/src.zip java.base/java/util/$c.java" license="GPL-2.0-only WITH Classpath-exception-2.0" --lang=java
done
