# budgetlint in a container: docker build -t budgetlint . ; then check a mounted folder:
#   docker run --rm -v "$PWD/reports:/work:ro" budgetlint            (text)
#   docker run --rm -v "$PWD/reports:/work:ro" budgetlint check --format sarif .
# Two stages: the build needs the -dev packages, the image only the libraries. It runs
# as an unprivileged user; the mounted folder can be read-only (nothing is written there).
FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential pkg-config gettext libpoppler-glib-dev libpcre2-dev libcjson-dev \
        libsqlite3-dev libxlsxwriter-dev libopencc-dev libzip-dev libxml2-dev libtesseract-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" && make install PREFIX=/usr/local DESTDIR=/out

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpoppler-glib8 libpcre2-8-0 libcjson1 libsqlite3-0 libxlsxwriter4 libopencc1.1 libzip4 libxml2 libtesseract5 \
        libopencc-data poppler-data tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-script-hans \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 budgetlint
COPY --from=build /out/usr/local/ /usr/local/
USER budgetlint
WORKDIR /work
ENTRYPOINT ["budgetlint"]
CMD ["check", "."]
