"""The demo's data, read and checked once for the tests of this app."""

import pytest

from entraide.demo import data


@pytest.fixture(scope="session")
def catalogue() -> data.Catalogue:
    return data.catalogue()


@pytest.fixture(scope="session")
def stories(catalogue: data.Catalogue) -> data.Stories:
    return data.stories(catalogue)
