# The nginx gateway: serves the built web client and routes /api and /ws to the services.
# Build after `./mvnw -B -DskipTests package`, from the repository root:
#   docker build -f docker/gateway.Dockerfile -t chorus/gateway .

FROM busybox:1.36 AS webapp
WORKDIR /build
COPY web-client/target/web-client-*.jar web-client.jar
RUN mkdir out && cd out && unzip -q ../web-client.jar 'META-INF/resources/*'

FROM nginx:1.27-alpine
COPY --from=webapp /build/out/META-INF/resources/ /usr/share/nginx/html/
COPY deploy/compose/nginx/chorus.conf /etc/nginx/conf.d/default.conf
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/healthz || exit 1
