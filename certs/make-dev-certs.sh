#!/usr/bin/env bash
# Makes a development SM2 certificate authority and, signed by it, a certificate for the
# gateway's receipt-signing key (SM3withSM2), with Debian's openssl 3. For development and tests
# only: the keys are written unencrypted into the output folder, which git ignores.
#
#   certs/make-dev-certs.sh [output-dir]      (default: certs/out)
#   certs/make-dev-certs.sh --tls [output-dir] [extra-name ...]   (default: certs/out/tls)
#
# --tls: the GM TLS development set instead (docs/gm-tls.md, "Certificates"), made by the Java
# generator org.realname.gateway.tls.certs.DevTlsCertificates with BouncyCastle: an SM2 CA, the
# server's SM2 signing and encryption certificates (TLCP dual certificates), the client pair, an
# ECDSA CA and server certificate; PEM files and PKCS#12 stores (tlcp-server.p12, tlcp-client.p12,
# tls-sm2-server.p12, tls-ecdsa-server.p12). Key store password: $GATEWAY_TLS_KEY_STORE_PASSWORD,
# else the development "changeit". The embedded default makes the same set on first start.
#
# Output: ca-key.pem, ca-cert.pem (self-signed CA), signing-key.pem, signing-cert.pem
# (digitalSignature + nonRepudiation, signed by the CA), and a chain check.
# The embedded default does not need this: it makes a self-signed signing certificate on first
# start (see docs/keys.md). Use these files to try a CA-issued signing certificate, and as the
# pattern for the GM TLS certificates.
set -euo pipefail
if [ "${1:-}" = "--tls" ]; then
  shift
  root="$(cd "$(dirname "$0")/.." && pwd)"
  out="${1:-$root/certs/out/tls}"
  [ $# -gt 0 ] && shift
  case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
  cd "$root"
  ./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/cp-runtime.txt -Dmdep.includeScope=runtime
  exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/cp-runtime.txt)" org.realname.gateway.tls.certs.DevTlsCertificates "$out" "$@"
fi
out="${1:-$(dirname "$0")/out}"
mkdir -p "$out"
chmod 700 "$out"
cd "$out"
days=825
id=1234567812345678

openssl genpkey -algorithm SM2 -out ca-key.pem
openssl req -new -x509 -key ca-key.pem -sm3 -sigopt "distid:$id" -days "$days" \
  -subj "/C=CN/O=Real-name gateway (development)/CN=Development SM2 CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca-cert.pem

openssl genpkey -algorithm SM2 -out signing-key.pem
openssl req -new -key signing-key.pem -sm3 -sigopt "distid:$id" \
  -subj "/C=CN/O=Real-name gateway (development)/CN=Receipt signing key" -out signing.csr
cat > signing.ext <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
EXT
openssl x509 -req -in signing.csr -CA ca-cert.pem -CAkey ca-key.pem -CAcreateserial -sm3 \
  -sigopt "distid:$id" -vfyopt "distid:$id" -days "$days" -extfile signing.ext -out signing-cert.pem
rm -f signing.csr signing.ext
chmod 600 ca-key.pem signing-key.pem

openssl verify -CAfile ca-cert.pem -vfyopt "distid:$id" signing-cert.pem
echo "Development SM2 certificates in $out"
