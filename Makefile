# lvslab — the two commands of the README.
#   make demo   install what is missing (apt-get), build (Release, -j2), run scenarios/lvs-nat.json
#   make test   install what is missing, build, run the whole test suite through ctest
# Other targets: make build, make bench, make clean.
BUILD_DIR ?= build
JOBS      ?= 2
DEMO      ?= scenarios/lvs-nat.json

.PHONY: all deps configure build demo test bench clean

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

clean:
	rm -rf $(BUILD_DIR)
