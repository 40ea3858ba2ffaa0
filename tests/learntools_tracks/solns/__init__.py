"""Reference solutions that exercise modules load with `CS.load(module.__file__)` and call to build test cases."""
