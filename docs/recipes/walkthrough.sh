#!/usr/bin/env bash
# The five-minute walkthrough: a platform, its user, an auditor, against a running gateway on its
# embedded default (./mvnw quarkus:dev). Needs bash, curl and sed.
# Run: docs/recipes/walkthrough.sh [base URL, default http://localhost:8080]
# Step 9 erases the account for good (a new verification for it gets 410 account-erased): run it
# again as ACCOUNT=bob docs/recipes/walkthrough.sh, or delete ./data to start afresh.
# Every step checks the gateway's answer and the script stops at the first unexpected one.
set -euo pipefail
shopt -s inherit_errexit
BASE=${1:-http://localhost:8080}
ACCOUNT=${ACCOUNT:-alice}
JAR=$(mktemp) # the browser's cookies in step 4
trap 'rm -f "$JAR"' EXIT

# answer STATUS CURL-ARGS...: prints the answer's body; stops unless its status is STATUS.
answer() {
  local want=$1 out
  shift
  out=$(curl -sS -b "$JAR" -c "$JAR" -w '\n%{http_code}' "$@") || true # no answer: status 000
  if [[ ${out##*$'\n'} != "$want" ]]; then
    echo "expected $want, got ${out##*$'\n'}: ${out%$'\n'*}" >&2
    exit 1
  fi
  printf '%s\n' "${out%$'\n'*}"
}
# redirect STATUS CURL-ARGS...: prints where the answer sends the browser; stops unless STATUS.
redirect() {
  local want=$1 out
  shift
  out=$(curl -sS -b "$JAR" -c "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' "$@") || true
  [[ ${out%% *} == "$want" ]] || { echo "expected $want, got $out" >&2; exit 1; }
  printf '%s\n' "${out#* }"
}
# field NAME: the string field NAME of the JSON on stdin.
field() { sed -nE 's/.*"'"$1"'":"([^"]*)".*/\1/p'; }
# expect TEXT: passes stdin on to stdout; stops unless it contains TEXT.
expect() {
  local text
  text=$(cat)
  printf '%s\n' "$text"
  [[ $text == *"$1"* ]] || { echo "expected: $1" >&2; exit 1; }
}
# token ROLE SUBJECT: a bearer token from the local development issuer.
token() {
  answer 200 -X POST "$BASE/dev/tokens" -H 'Content-Type: application/json' \
    -d '{"role":"'"$1"'","subject":"'"$2"'"}' | field access_token
}

echo '# 1. It is up.'
answer 200 "$BASE/q/health/ready" | expect '"UP"'

echo '# 2. A bearer token for the platform role.'
TOKEN=$(token platform my-platform)

echo '# 3. Start a sign-up verification.'
# 11010519491231002X is the standard's own example number. The answers show it masked only.
# The same Idempotency-Key again would get this same session back: each run needs its own.
CREATED=$(answer 201 -X POST "$BASE/api/v1/verifications" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: walkthrough-$(date +%s)-$RANDOM" \
  -d '{"account_id":"'"$ACCOUNT"'","purpose":"SIGNUP","return_url":"'"$BASE"'/demo/result",
       "name":"张三","id_number":"11010519491231002X"}')
echo "$CREATED" | expect '"status":"CREATED"'
ID=$(echo "$CREATED" | field id)
LINK=$(echo "$CREATED" | field redirect_url)

echo '# 4. What the browser does with redirect_url: consent, the sandbox face page, Pass, back.'
CONSENT=$(redirect 303 "$LINK")
PAGE=$(answer 200 "$CONSENT")
hidden() { echo "$PAGE" | sed -nE 's/.*name="'"$1"'" value="([^"]*)".*/\1/p'; }
CERTIFY=$(redirect 302 "$CONSENT/consent" --data-urlencode "rules_version=$(hidden rules_version)" \
  --data-urlencode "rules_digest=$(hidden rules_digest)" -d consent=on)
FACE=$(redirect 302 "$CERTIFY")
answer 200 "$FACE" > /dev/null
BACK=$(redirect 302 "$BASE/sandbox/face" -d "certify_id=$(echo "$FACE" | sed -nE 's/.*certify_id=([^&]*).*/\1/p')" \
  -d outcome=pass)
redirect 302 "$BACK" | expect "status=PASSED"

echo '# 5. The platform reads the outcome and asks before a sensitive operation.'
answer 200 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/verifications/$ID" | expect '"status":"PASSED"'
answer 200 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/accounts/$ACCOUNT/real-name?max_age=PT10M" \
  | expect '"verified":true'

echo '# 6. Re-verify before a sensitive operation: no identity is sent, the bound one is used.'
answer 201 -X POST "$BASE/api/v1/verifications" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"account_id":"'"$ACCOUNT"'","purpose":"REVERIFY","return_url":"'"$BASE"'/demo/result"}' \
  | expect '"status":"CREATED"'

echo '# 7. Alice herself: her history (masked) and everything held about her, with her own token.'
ALICE=$(token user "$ACCOUNT")
answer 200 "$BASE/api/v1/me/verifications" -H "Authorization: Bearer $ALICE" | expect "\"$ID\""
answer 200 "$BASE/api/v1/me/export" -H "Authorization: Bearer $ALICE" | expect "\"$ID\""

echo '# 8. An auditor: the trail'\''s check, then the results as CSV (masked). Every read is recorded.'
AUDITOR=$(token auditor auditor-1)
answer 200 "$BASE/api/v1/audit/verify" -H "Authorization: Bearer $AUDITOR" | expect '"intact":true'
answer 200 "$BASE/api/v1/audit/results/export?format=csv" -H "Authorization: Bearer $AUDITOR" \
  | expect ",$ACCOUNT,SIGNUP,PASS,"
echo "# Or browse: $BASE/audit/console (paste the auditor token to sign in)."

echo '# 9. Alice erases her data: her key is destroyed, her results become unreadable for good.'
answer 200 -X POST "$BASE/api/v1/me/erasure" -H "Authorization: Bearer $ALICE"

echo '# Bad input gets an application/problem+json answer, for example without a token:'
answer 401 "$BASE/api/v1/verifications/abc" | expect '/problems/unauthenticated'
