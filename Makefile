# lvslab — the two commands of the README.
#   make demo   install what is missing (apt-get), build (Release, -j2), run scenarios/lvs-nat.json
#   make test   install what is missing, build, run the whole test suite through ctest
#   make fuzz   build the libFuzzer targets with clang in build-fuzz/ (tests/fuzz) and run each
#               for FUZZ_SECONDS (default 60); FUZZ_TARGETS="wire exports" picks some;
#               make fuzz-merge then minimises what they found into tests/fuzz/corpus/
#   make format      apply .clang-format (clang-format-14) to every C++ source; the
#                    lint_format test checks it
# Other targets: make build, make bench (the benchmarks of tests/bench, figures printed), make clean.
BUILD_DIR ?= build
JOBS      ?= 2
DEMO      ?= scenarios/lvs-nat.json
FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: all deps configure build demo test bench fuzz fuzz-merge format clean

all: build

deps:
	@bash .ci/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	./$(BUILD_DIR)/lvslab run $(DEMO)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

bench: build
	./$(BUILD_DIR)/tests/bench/bench_event_queue
	./$(BUILD_DIR)/tests/bench/bench_web_farm
	./$(BUILD_DIR)/tests/bench/bench_viz_seek
	./$(BUILD_DIR)/tests/bench/bench_scale
	bash tests/bench/class_grade.sh ./$(BUILD_DIR)/lvslab

# The fuzz build: clang 14 with libFuzzer, ASan and UBSan; -O1 -g and asserts on.
fuzz: build
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DLVSLAB_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzz_all
	@python3 tests/fuzz/seeds.py . $(FUZZ_DIR)/fuzz-corpus $(BUILD_DIR)/lvslab
	@bash tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-merge:
	@bash tests/fuzz/run.sh --merge $(FUZZ_DIR) $(FUZZ_TARGETS)

format: deps
	@find sim viz tests \( -name '*.cpp' -o -name '*.hpp' \) -print0 | xargs -0 clang-format-14 -i --style=file

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR)
