# Strand: `make run` serves http://127.0.0.1:8080, `make test` runs every test, `make bench` measures.
.PHONY: run build test bench seed-demo clean-data

run:
	swift build -c release --product strand
	.build/release/strand serve

build:
	swift build

test:
	scripts/test

bench:
	scripts/bench

seed-demo:
	swift build -c release --product strand
	.build/release/strand seed --demo
