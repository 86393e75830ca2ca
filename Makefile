# The two set-up commands: `make demo` and `make test`. Both install what they need.
.PHONY: demo test build deps clean bench fuzz

demo:
	scripts/demo

test:
	scripts/test

bench:
	scripts/bench

fuzz:
	scripts/fuzz

build: deps
	swift build

deps:
	scripts/install-deps

clean:
	-deploy/mailstack stop demo/mailstack
	rm -rf .build demo
