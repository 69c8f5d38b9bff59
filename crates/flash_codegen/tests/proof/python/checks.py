"""What every proof program shares: calling a generated function whether it is sync or async, and counting checks."""

import inspect
import sys
from typing import Any, Callable


async def call(f: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    result = f(*args, **kwargs)
    if inspect.isawaitable(result):
        return await result
    return result


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def eq(self, what: str, got: Any, want: Any) -> None:
        if got == want:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}: got {got!r}, want {want!r}")

    def finish(self) -> None:
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
