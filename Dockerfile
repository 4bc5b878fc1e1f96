# mlposture in a container: the wheel, installed as a user installs it.
#   docker build -t mlposture .
#   docker run --rm -v "$PWD:/src" mlposture scan .
# Live audits need the cloud extras: docker build --build-arg EXTRAS="[azure,gcp]" ...
FROM python:3.12-slim AS build
WORKDIR /build
COPY pyproject.toml hatch_build.py README.md LICENSE ./
COPY scanner ./scanner
COPY rules ./rules
RUN pip install --no-cache-dir --quiet build && python -m build --wheel --outdir /dist

FROM python:3.12-slim
ARG EXTRAS=""
COPY --from=build /dist /dist
RUN pip install --no-cache-dir --quiet "$(ls /dist/mlposture-*.whl)${EXTRAS}" && rm -rf /dist \
    && useradd --create-home --uid 10001 mlposture
USER mlposture
WORKDIR /src
ENTRYPOINT ["mlposture"]
CMD ["--help"]
