import { MAX_REREADS, readScript } from '../../../../../src/compliance/controls/workload/private/shell-script';

const SECRET = new Set(['PASS', 'DB_PASSWORD']);
/** The variables of SECRET a script expands into a program's arguments, as `NAME→program`. */
const leaks = (script: string) => readScript(script, SECRET).expansions.map(e => `${e.name}${e.through ? ` as ${e.through}` : ''}→${e.program}`);

describe('readScript: expansions into arguments', () => {
  test.each([
    ['mysql -uroot -p$PASS app', 'PASS→mysql'],
    ['mysqladmin ping -uroot -p"${PASS}"', 'PASS→mysqladmin'],
    ['until redis-cli -a "$PASS" ping; do sleep 1; done', 'PASS→redis-cli'],
    ["app --password \"$PASS\" --user 'x'", 'PASS→app'],
    ['exec /app/server --db-password=${PASS:-none}', 'PASS→server'],
    ['env PGPASSWORD=$PASS psql -h db', 'PASS→env'],
    ['/bin/echo "$PASS" > /tmp/p', 'PASS→echo'],
    ['TOKEN=$(curl -s -u "admin:$PASS" https://auth/token)', 'PASS→curl'],
    ['x=`htpasswd -nb admin $PASS`', 'PASS→htpasswd'],
    ["bash -c 'mysql -p\"$DB_PASSWORD\" -e \"select 1\"'", 'DB_PASSWORD→mysql'],
    ['set -e\nif [ -n "$PASS" ]; then\n  psql "postgres://app:$PASS@db/app"\nfi', 'PASS→psql'],
    ['a && b || c | curl -u "u:$PASS" x', 'PASS→curl'],
    ['mysql \\\n  -p"$PASS"', 'PASS→mysql'],
    ['password_aux="${PASS:-}"\nif [[ -f "${PASS_FILE:-}" ]]; then\n  password_aux=$(cat "$PASS_FILE")\nfi\nmysqladmin status -uroot -p"${password_aux}"', 'PASS as password_aux→mysqladmin'],
    ['export P="$DB_PASSWORD"; Q=$P; redis-cli -a "$Q" ping', 'DB_PASSWORD as Q→redis-cli'],
  ])('finds a Secret-backed variable in a program\'s arguments: %s', (script, leak) => {
    expect(leaks(script)).toEqual([leak]);
  });

  test.each([
    ['export PGPASSWORD="$PASS"; psql -h db'],
    ['PGPASSWORD=$PASS psql -h db'],
    ['[ -n "$PASS" ] && app'],
    ['test -z "${PASS}" || exec app'],
    ['echo "$PASS" > /tmp/pass && app --password-file /tmp/pass'],
    ['printf "%s" "$PASS" | app --password-stdin'],
    ["mysql -p'$PASS'"],
    ['mysql -p\\$PASS'],
    ['echo ${#PASS}; app --len ${#PASS}'],
    ['app --user "$USER" --password-file=/run/secrets/db'],
    ['# mysql -p$PASS\napp'],
    ['mysql <<EOF\nALTER USER app IDENTIFIED BY \'$PASS\';\nEOF\napp'],
    ['app 2>$PASS'],
    ['read -r x <<< "$PASS"; app'],
    ['case "$PASS" in "") exit 1 ;; esac; app'],
    ['for p in $PASS; do :; done'],
    ['X=$((1 + 2)) app'],
    ['P="$DB_USER"; app --user "$P"'],
    ['P=$PASS app --password "$P"'],
  ])('finds none in an assignment, a builtin, a redirection, a here-document, a comment or quotes: %s', script => {
    expect(leaks(script)).toEqual([]);
  });

  test.each([
    // bitnami/mongodb's exporter URI: the password, URL-encoded by sed, in mongodb_exporter's arguments.
    ['/bin/mongodb_exporter --mongodb.uri "mongodb://root:$(echo $PASS | sed -r "s/@/%40/g;s/:/%3A/g")@localhost:27017/admin?"', 'PASS→mongodb_exporter'],
    ['app --password "`printf %s "$PASS" | base64`"', 'PASS→app'],
    ['P=$(echo "$DB_PASSWORD" | tr -d "\\n"); app --password "$P"', 'DB_PASSWORD as P→app'],
    // elastic/helm-charts' 8.x readiness probe: the password in the positional parameters, and "$@" in curl's arguments.
    ['http () {\n  set -- -XGET -s\n  set -- "$@" -u "elastic:${PASS}"\n  curl -k "$@" "https://127.0.0.1:9200${1}"\n}\nhttp /', 'PASS as @→curl'],
    ['set -- -u "u:$PASS"; exec curl $* https://x', 'PASS as @→curl'],
  ])('finds a Secret-backed variable an echo or printf outputs into a substitution, or set puts into "$@": %s', (script, leak) => {
    expect(leaks(script)).toEqual([leak]);
  });

  test.each([
    ['H=$(curl -s https://x); app --header "$H"'],
    ['app --user "$(echo "$USER" | tr a-z A-Z)"'],
    ['set -- -s -k; curl "$@" https://x'],
    ['set -e; set -- "$PASS"; printf "%s" "$@" | app --password-stdin'],
  ])('finds none where a substitution outputs no secret, or "$@" holds none: %s', script => {
    expect(leaks(script)).toEqual([]);
  });

  test.each([
    ['mysql $(echo -p$PASS)', 'PASS→mysql'],
    ['mysql -p`echo $PASS`', 'PASS→mysql'],
    ['mysql -p"$(cat <<< "$PASS")"', 'PASS→mysql'],
    ['mysql -p"$(tr -d "\\n" <<< "$PASS")"', 'PASS→mysql'],
    ['mysql -p"$(printenv PASS)"', 'PASS→mysql'],
  ])('finds a command substitution that is itself the argument\'s source: %s', (script, leak) => {
    expect(leaks(script)).toEqual([leak]);
  });

  test.each([
    ['app --size "$(wc -c <<< "$PASS")"'],
    ['app --digest "$(sha256sum <<< "$PASS")"'],
    ['app --user "$(printenv USER)"'],
  ])('finds none where the substitution outputs something else than what it reads: %s', script => {
    expect(leaks(script)).toEqual([]);
  });

  test.each([
    ['for p in "$PASS"; do mysql -p"$p"; done', 'PASS as p→mysql'],
    ['for p in a $DB_PASSWORD\ndo\n  curl -u "u:$p" x\ndone', 'DB_PASSWORD as p→curl'],
    ['set -- "$PASS"; for p; do mysql -p"$p"; done', 'PASS as p→mysql'],
    ['read -r x <<< "$PASS"; mysql -p"$x"', 'PASS as x→mysql'],
    ['IFS=: read -r user pw <<< "$DB_PASSWORD"; mysql -u"$user" -p"$pw"', 'DB_PASSWORD as user→mysql'],
    ['set -- "$PASS"; mysql -p"$1"', 'PASS as 1→mysql'],
  ])('follows a loop variable or a read from a Secret-backed variable: %s', (script, leak) => {
    expect(leaks(script)).toEqual([leak]);
  });

  test.each([
    ['for f in /dir/*; do app --config "$f"; done'],
    ['for p in "$PASS"; do echo "$p" > /tmp/p; done; app'],
    ['read -r x <<< "$USER"; app --user "$x"'],
    ['read -r x < /etc/app/user; app --user "$x"'],
    ['read -r x <<< "$PASS"; app --user "$y"'],
  ])('finds none where the loop or read takes no secret, or its variable reaches no program: %s', script => {
    expect(leaks(script)).toEqual([]);
  });

  /** The variables of SECRET a script expands into a program's arguments, as `NAME→program via function`. */
  const called = (script: string) => readScript(script, SECRET).expansions.map(e => `${e.name}→${e.program}${e.function ? ` via ${e.function}` : ''}`);

  test.each([
    ['f() { mysql -p"$1"; }; f "$PASS"', 'PASS→mysql via f'],
    ['function f {\n  local p="$2"\n  mysql -u"$1" -p"$p"\n}\nf app "$PASS"', 'PASS→mysql via f'],
    ['function f() { curl "$@"; }\nf -u "u:$PASS" https://x', 'PASS→curl via f'],
    ['g() { redis-cli -a "$2" ping; }\nf() { g x "$@"; }\nf "$DB_PASSWORD"', 'DB_PASSWORD→redis-cli via f'],
    ['f() ( mysql -p"$1" ); f "$PASS"', 'PASS→mysql via f'],
    ['mysql() { command mysql --defaults-file=/etc/my.cnf "$@"; }\nmysql -p"$PASS"', 'PASS→mysql via mysql'],
  ])('names the program a shell function passes its argument to, and the function: %s', (script, leak) => {
    expect(called(script)).toEqual([leak]);
  });

  test.each([
    ['f() { echo "$1" > /tmp/p; }; f "$PASS"; app --password-file /tmp/p'],
    ['f() { mysql -u"$1"; }; f "$USER" "$PASS"'],
    ['f() { mysql -p"$2"; }; f "$PASS" x'],
    ['f() { f "$1"; }; f "$PASS"'],
    ['f() { app; }\nf "$PASS"'],
  ])('finds none where a function passes no secret argument on to a program: %s', script => {
    expect(called(script)).toEqual([]);
  });

  test('reads a hostile nesting or chain of functions in bounded time', () => {
    const nested = `${'f() { '.repeat(20_000)}mysql -p"$1"${'; }'.repeat(20_000)}\nf "$PASS"`;
    expect(() => leaks(nested)).not.toThrow();
    const chain = Array.from({ length: 5_000 }, (_, i) => `f${i}() { f${i + 1} "$1"; }`).join('\n') + '\nf5000() { mysql -p"$1"; }\nf0 "$PASS"';
    expect(() => leaks(chain)).not.toThrow();
  });

  describe('with the path of a mounted Secret file among the names', () => {
    const FILES = { has: (name: string) => SECRET.has(name) || name.startsWith('/etc/secret/') };
    const fileLeaks = (script: string) => readScript(script, FILES).expansions.map(e => `${e.name}${e.through ? ` as ${e.through}` : ''}→${e.program}`);

    test.each([
      ['P=$(cat /etc/secret/pw); mysql -p"$P"', '/etc/secret/pw as P→mysql'],
      ['mysql -p"$(cat /etc/secret/pw)"', '/etc/secret/pw→mysql'],
      ['mysql -p"$(< /etc/secret/pw)"', '/etc/secret/pw→mysql'],
      ['mysql -p"`tr -d \'\\n\' < /etc/secret/pw`"', '/etc/secret/pw→mysql'],
      ['export T=$(jq -r .token /etc/secret/creds.json); curl -H "Authorization: Bearer $T" x', '/etc/secret/creds.json as T→curl'],
      ['read -r P < /etc/secret/pw; mysql -p"$P"', '/etc/secret/pw as P→mysql'],
    ])('finds a secret file read into a program\'s arguments: %s', (script, leak) => {
      expect(fileLeaks(script)).toEqual([leak]);
    });

    test.each([
      ['mysql -p"$(cat /etc/app/pw)"'],
      ['app --password-file /etc/secret/pw'],
      ['cat /etc/secret/pw | app --password-stdin'],
      ['app --size "$(wc -c < /etc/secret/pw)"'],
      ['app --digest "$(sha256sum /etc/secret/pw)"'],
      ['P=$(cat /etc/secret/pw); MYSQL_PWD="$P" mysql'],
    ])('finds none where the file is no Secret\'s, or its content reaches no program\'s arguments: %s', script => {
      expect(fileLeaks(script)).toEqual([]);
    });
  });

  describe('read, mapfile and eval: what a compound, a pipe or eval gives a program', () => {
    const FILES = { has: (name: string) => SECRET.has(name) || name.startsWith('/etc/secret/') };
    const found = (script: string, shell?: string) => readScript(script, FILES, { shell }).expansions
      .map(e => `${e.name}${e.through ? ` as ${e.through}` : ''}→${e.program}${e.function ? ` via ${e.function}` : ''}`);

    test.each([
      ['while read -r pw; do mysql -p"$pw"; done < /etc/secret/pw', '/etc/secret/pw as pw→mysql'],
      ['while IFS= read -r line || [ -n "$line" ]; do\n  curl -u "u:$line" x\ndone < /etc/secret/pw', '/etc/secret/pw as line→curl'],
      ['{ read -r u; read -r p; } < /etc/secret/creds\nmysql -u"$u" -p"$p"', '/etc/secret/creds as u→mysql'],
      ['if read -r p; then mysql -p"$p"; fi < /etc/secret/pw', '/etc/secret/pw as p→mysql'],
      ['{ while read -r p; do mysql -p"$p"; done; } < /etc/secret/pw', '/etc/secret/pw as p→mysql'],
      ['while read -r pw; do mysql -p"$pw"; done < <(cat /etc/secret/pw)', '/etc/secret/pw as pw→mysql'],
      ['while read -r line; do mysql -p"$line"; done <<< "$PASS"', 'PASS as line→mysql'],
      ['read < /etc/secret/pw; mysql -p"$REPLY"', '/etc/secret/pw as REPLY→mysql'],
    ])('follows what read takes from a redirection of the loop or group it stands in: %s', (script, leak) => {
      expect(found(script)).toEqual([leak]);
    });

    test.each([
      ['while read -r f; do app --config "$f"; done < /etc/app/files'],
      ['while read -r u < /etc/app/user; do mysql -u"$u"; done < /etc/secret/pw'],
      ['while read -r pw; do app --password-file /tmp/pw; done < /etc/secret/pw'],
      ['{ read -r p; } < /etc/secret/pw; MYSQL_PWD="$p" mysql'],
      ['while read -r p; do :; done < /etc/secret/pw; for f in /x/*; do app "$f"; done'],
    ])('finds none where the loop reads no secret, or what it reads reaches no program: %s', script => {
      expect(found(script)).toEqual([]);
    });

    test.each([
      ['echo "$DB_PASSWORD" | { read x; cli --password "$x"; }', 'DB_PASSWORD as x→cli'],
      ['printf %s "$PASS" | while read -r x; do cli --password "$x"; done', 'PASS as x→cli'],
      ['cat /etc/secret/pw | while read -r x; do mysql -p"$x"; done', '/etc/secret/pw as x→mysql'],
      ['echo "$PASS" | tr -d "\\n" |& { read -r x; mysql -p"$x"; }', 'PASS as x→mysql'],
      ['shopt -s lastpipe\nprintf %s "$PASS" | read x; cli --password "$x"', 'PASS as x→cli'],
      ['cat /etc/secret/token | xargs -I{} curl -H "Authorization: Bearer {}" x', '/etc/secret/token→xargs'],
      ['echo "$PASS" | base64 -d | xargs mysql -p', 'PASS→xargs'],
      ['xargs -a /dev/stdin mysqladmin ping -p < /etc/secret/pw', '/etc/secret/pw→xargs'],
    ])('follows a pipe into a group or loop, which sees what read sets, into read with lastpipe, and into xargs: %s', (script, leak) => {
      expect(found(script)).toEqual([leak]);
    });

    test.each([
      ['printf %s "$PASS" | read x; cli --password "$x"'],
      ['echo "$PASS" | read -r x && mysql -p"$x"'],
      ['echo "$PASS" | { read x; }; cli --password "$x"'],
      ['echo "$PASS" | while read x; do :; done; cli --password "$x"'],
      ['echo "$PASS" | { read x; echo "$x" > /tmp/p; }; app --password-file /tmp/p'],
      ['echo "$USER" | while read x; do cli --user "$x"; done'],
      ['echo "$PASS" | mapfile -t arr; cli "${arr[0]}"'],
      ['shopt -s lastpipe; shopt -u lastpipe; echo "$PASS" | read x; cli "$x"'],
      ['echo "$PASS" || read x; cli "$x"'],
      ['find /data -name "*.tmp" | xargs rm -f'],
      ['echo "$PASS" | docker login -u ci --password-stdin registry.example.com'],
    ])('finds none where read runs alone after a pipe, in a subshell (bash, dash), or the group that reads it ends: %s', script => {
      expect(found(script)).toEqual([]);
    });

    test('follows a pipe into read in zsh and ksh, which run the last command of a pipeline in the shell itself', () => {
      const script = 'printf %s "$PASS" | read x; cli --password "$x"';
      expect([found(script, 'zsh'), found(script, 'ksh'), found(script, 'bash'), found(script, 'sh')]).toEqual([['PASS as x→cli'], ['PASS as x→cli'], [], []]);
    });

    test.each([
      ['mapfile -t arr < /etc/secret/pw; cli --password "${arr[0]}"', '/etc/secret/pw as arr→cli'],
      ['readarray -t -d , creds < /etc/secret/list\ncurl -u "${creds[0]}:${creds[1]}" x', '/etc/secret/list as creds→curl'],
      ['mapfile < /etc/secret/pw; mysql -p"${MAPFILE[0]}"', '/etc/secret/pw as MAPFILE→mysql'],
      ['mapfile -t arr <<< "$PASS"; cli "${arr[@]}"', 'PASS as arr→cli'],
      ['mapfile -n 1 -t arr < <(cat /etc/secret/pw); cli "$arr"', '/etc/secret/pw as arr→cli'],
    ])('follows an array mapfile or readarray fills: %s', (script, leak) => {
      expect(found(script)).toEqual([leak]);
    });

    test.each([
      ['mapfile -t files < /etc/app/list; app "${files[@]}"'],
      ["mapfile -t arr < /etc/secret/pw; printf '%s' \"${arr[0]}\" > /tmp/p; app --password-file /tmp/p"],
      ['mapfile -t arr < /etc/secret/pw; app "${other[0]}"'],
    ])('finds none where the array holds no secret or reaches no program: %s', script => {
      expect(found(script)).toEqual([]);
    });

    test.each([
      ['eval "cli --password $PASS"', 'PASS→cli'],
      ["eval 'mysql -p\"$PASS\"'", 'PASS→mysql'],
      ['eval "mysql -p\'$PASS\'"', 'PASS→mysql'],
      ['eval -- "x=\\"$PASS\\""; mysql -p"$x"', 'PASS as x→mysql'],
      ['eval eval "mysql -p\\$PASS"', 'PASS→mysql'],
      ['eval "$BIN/mysql -p$PASS"', 'PASS→mysql'],
      ['f() { eval "mysql -p$1"; }; f "$PASS"', 'PASS→mysql via f'],
      ['P=$(cat /etc/secret/pw); eval "mysql -p$P"', '/etc/secret/pw as P→mysql'],
      ['eval "mysql -p$(cat /etc/secret/pw)"', '/etc/secret/pw→mysql'],
    ])('reads the command eval makes of its arguments, with the values of their expansions in place: %s', (script, leak) => {
      expect(found(script)).toEqual([leak]);
    });

    test.each([
      ['eval "export PGPASSWORD=$PASS"; psql'],
      ['eval "echo $PASS" > /tmp/p'],
      ['eval "PGPASSWORD=\'$PASS\' psql -h db"'],
      ['CMD="PGPASSWORD=$PASS psql"; eval "$CMD"'],
      ['eval "$(ssh-agent -s)"; app'],
      ["eval 'mysql -p\"$USER\"'"],
    ])('finds none where the command eval makes starts no process with a secret, or is code the script does not show: %s', script => {
      expect(found(script)).toEqual([]);
    });

    test.each([
      ['a chain of evals', `${'eval '.repeat(20_000)}mysql -p"$PASS"`],
      ['a nesting of quoted evals', `${'eval "'.repeat(40)}mysql -p$PASS${'"'.repeat(40)}`],
      ['a nesting of groups', `${'{ '.repeat(20_000)}read x; mysql -p"$x";${' }'.repeat(20_000)} < /etc/secret/pw`],
      ['a nesting of loops', `${'while read x; do '.repeat(20_000)}mysql -p"$x"${'; done < /etc/secret/pw'.repeat(20_000)}`],
      ['a sequence of piped groups', Array.from({ length: 20_000 }, (_, i) => `echo "$PASS" | { read a${i}; }`).join('\n')],
      ['a sequence of unmatched keywords', `${'done\n'.repeat(20_000)}${'while read x\n'.repeat(20_000)}`],
      // Each shell the script runs starts with the script's variables: 20,000 of them, 20,000 times.
      ['a sequence of shells after many variables', `${Array.from({ length: 20_000 }, (_, i) => `x${i}=$PASS`).join('\n')}${'\nbash -c "eval \'a=$x1\'"'.repeat(20_000)}`],
    ])('reads %s in bounded time', (_, script) => {
      expect(() => found(script)).not.toThrow();
    });

    test('reads a hostile nesting of groups to the read it holds', () => {
      expect(found(`${'{ '.repeat(20_000)}read x; mysql -p"$x";${' }'.repeat(20_000)} < /etc/secret/pw`)).toEqual(['/etc/secret/pw as x→mysql']);
    });
  });

  test('names every Secret-backed variable a shell variable was assigned from', () => {
    expect(leaks('BASIC_AUTH="-u ${DB_PASSWORD}:${PASS}"\ncurl -s ${BASIC_AUTH} https://x')).toEqual(['DB_PASSWORD as BASIC_AUTH→curl', 'PASS as BASIC_AUTH→curl']);
  });

  test('reads unterminated quotes, substitutions and here-documents to the end without throwing', () => {
    for (const script of ['mysql -p"$PASS', "mysql -p'$PASS", 'x=$(mysql -p$PASS', 'x=`mysql -p$PASS', 'cat <<EOF\n$PASS', 'echo ${PASS', '\\']) {
      expect(() => leaks(script)).not.toThrow();
    }
    expect(leaks('x=$(mysql -p$PASS')).toEqual(['PASS→mysql']);
  });

  test('reads a hostile nesting of substitutions in linear time and without exhausting the stack', () => {
    const deep = `${'$('.repeat(100_000)}curl -u "a:$PASS" x${')'.repeat(100_000)}`;
    expect(() => leaks(deep)).not.toThrow();
    expect(leaks('$($($(curl -u "a:$PASS" x)))')).toEqual(['PASS→curl']);
  });
});

describe('readScript', () => {
  const read = (script: string, positional?: string[]) => readScript(script, SECRET, { positional });
  const leaked = (script: string) => read(script).expansions.map(e => `${e.name}${e.through ? ` as ${e.through}` : ''}→${e.program}${e.by ? ` by ${e.by}` : ''}`);

  test.each([
    ['sh <<EOF\nmysql -p$PASS\nEOF', 'PASS→mysql'],
    ["bash -s <<'EOF'\nmysql -p\"$PASS\"\nEOF", 'PASS→mysql'],
    ['sh -e <<-EOF\n\tP=$PASS\n\tmysql -p"\\$P"\n\tEOF', 'PASS as P→mysql'],
    ["sh <<< 'redis-cli -a \"$PASS\" ping'", 'PASS→redis-cli'],
    ['cat > /tmp/x <<EOF\n$(curl -u "u:$PASS" x)\nEOF', 'PASS→curl'],
    ["env -S 'mysql -p${PASS}'", 'PASS→mysql by env -S'],
    ["sh -c 'mysql -p\"$1\"' sh \"$PASS\"", 'PASS→sh'],
  ])('follows a here-document or here-string a shell runs, a substitution in any here-document, and env -S: %s', (script, leak) => {
    expect(leaked(script)).toEqual([leak]);
  });

  test.each([
    ['mysql <<EOF\nALTER USER app IDENTIFIED BY \'$PASS\';\nEOF'],
    ["cat <<'EOF' > /tmp/run.sh\nmysql -p\"$PASS\"\nEOF"],
    ['sh /scripts/run.sh <<EOF\n$PASS\nEOF'],
    ['sh <<< "$CMD"'],
    ['P=$(cat <<EOF\n/etc/secret/pw\nEOF\n); mysql -p"$P"'],
  ])('finds none in a here-document given to a program that is no shell, or to a shell that runs a file, or code the script does not show: %s', script => {
    expect(leaked(script)).toEqual([]);
  });

  test.each([
    ['true;mysql -px9Kq2mZw'],
    ['exec 2>&1 timeout 5 redis-cli -a x9Kq2mZw ping'],
    ['sh <<EOF\nmysql -px9Kq2mZw\nEOF'],
    ["eval 'docker login -u ci -p x9Kq2mZw registry'"],
    ['bash -c "sh -c \\"mysql\\ -px9Kq2mZw\\""'],
  ])('finds a literal credential a command passes as its program gets it: %s', script => {
    expect(read(script).literal).toBe(true);
  });

  test.each([
    ['mysql -p"$PASS"; ssh -p 2222 host'],
    ["cat <<'EOF' > /tmp/usage\nmysql -px9Kq2mZw\nEOF"],
    ['sh <<EOF\nmysql -p$PASS\nEOF'],
    ['echo "-p is the port: psql -p 5432"'],
  ])('finds no literal in a reference, data, or words no program is given as such: %s', script => {
    expect(read(script).literal).toBe(false);
  });

  test('reads the positional parameters the command line gives, naming those that pass a credential', () => {
    expect(read('exec mysql "$@"', ['sh', '-u', '-px9Kq2mZw'])).toMatchObject({ literal: false, literalParameters: [2] });
    expect(read('mysql -p"$1"', ['sh', 'x9Kq2mZw'])).toMatchObject({ literal: false, literalParameters: [1] });
    expect(read('exec "$@"', ['sh', 'psql', '-p', '5432'])).toMatchObject({ literal: false, literalParameters: [] });
    expect(read("sh -c 'mysql \"$@\"' sh -px9Kq2mZw", ['sh'])).toMatchObject({ literal: true, literalParameters: [] });
  });

  test('reads an argument with spaces as a command line too, as in exec form (--password-command \'…\')', () => {
    expect(read('echo "mysql -px9Kq2mZw"').literal).toBe(true);
  });

  test(`reads texts nested ${MAX_REREADS} deep, and reports deeper nesting as cut short`, () => {
    const evals = (n: number) => `${'eval '.repeat(n)}"mysql -p\\$PASS"`;
    expect(read(evals(MAX_REREADS))).toMatchObject({ expansions: [{ name: 'PASS', program: 'mysql' }], cutShort: [] });
    expect(read(evals(MAX_REREADS + 1)).cutShort).toEqual(['rereads']);
    expect(read(`${'$('.repeat(40)}app${')'.repeat(40)}`).cutShort).toEqual(['substitutions']);
    const calls = Array.from({ length: 40 }, (_, i) => `f${i}() { f${i + 1} "$1"; }`).join('\n');
    expect(read(`${calls}\nf40() { mysql -p"$1"; }\nf0 "$PASS"`).cutShort).toEqual(['functions']);
    expect(read('f() { f "$1"; }; f "$PASS"; $(echo $(date))').cutShort).toEqual([]);
  });
});
