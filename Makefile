# Watchkeeper: `make demo` and `make test` are all a new machine needs.
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=
# ccache, when present, keeps the three builds (Release, sanitizers, fuzz) from
# recompiling what an earlier build on this machine already compiled: CI builds a
# fresh clone each time. Paths are hashed relative to the clone, so any clone hits.
CCACHE = $(shell command -v ccache)
LAUNCHER = $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE) -DCMAKE_C_COMPILER_LAUNCHER=$(CCACHE))
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps build demo test test-asan fuzz bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release $(LAUNCHER) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j$(JOBS)

demo: build
	@scripts/demo

test: build
	@cd build && ctest --output-on-failure -j$(JOBS)

test-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWK_SANITIZE=ON $(LAUNCHER) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan -j$(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS)

# Builds every fuzz/*_fuzz.cc with clang and runs each for FUZZ_SECONDS.
fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWK_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=clang++ $(LAUNCHER) $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-fuzz -j$(JOBS)
	@scripts/run-fuzzers build-fuzz $(FUZZ_SECONDS)

bench: build
	@scripts/run-benchmarks

clean:
	rm -rf build build-asan build-fuzz
