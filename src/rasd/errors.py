"""The catalogue of rasd's errors: each has a code, says what went wrong and how to fix it.

Library code raises `RasdError` subclasses; the CLI turns them into a message and an exit code
(1 for bad input, 2 for usage errors). Messages are templates filled with keyword arguments.
"""

from __future__ import annotations


class RasdError(Exception):
    """Base class: `code` (E###), a formatted message, and the exit code the CLI should use."""

    code = "E000"
    template = "{message}"
    exit_code = 1

    def __init__(self, **kwargs: object) -> None:
        self.details = kwargs
        super().__init__(f"[{self.code}] " + self.template.format(**kwargs))


class InputError(RasdError):
    """A problem with an input file or record."""


class FileMissing(InputError):
    code = "E001"
    template = "{path}: no such file. Check the path, or pass '-' to read standard input."


class IsADirectory(InputError):
    code = "E002"
    template = "{path}: is a directory. Pass the files inside it (for example {path}/*.txt)."


class NotUTF8(InputError):
    code = "E003"
    template = (
        "{path}: is not valid UTF-8 (byte {offset}){guess}. "
        "Convert it, or pass --encoding {suggest} to read it as that encoding."
    )


class EmptyText(InputError):
    code = "E004"
    template = "{where}: the article has no text. Skipping it; give a non-empty body."


class BadRecord(InputError):
    code = "E005"
    template = "{where}: {problem}. {fix}"


class BadDate(RasdError):
    code = "E006"
    template = "invalid publication date {value!r}: {problem}. Use the form YYYY-MM-DD, e.g. 2021-12-03."
    exit_code = 2


class UnknownFormat(InputError):
    code = "E007"
    template = "{path}: cannot tell what kind of file this is ({suffix!r}). Use one of: {known}."


class BadEncoding(RasdError):
    code = "E008"
    template = "unknown encoding {encoding!r}. Use a Python codec name such as utf-8, cp1256 or iso8859_6."
    exit_code = 2


class IdCollision(InputError):
    code = "E009"
    template = (
        "{where}: gives the document id {id!r}, which {first} gave earlier in this run (ids of .txt files come from "
        "their names); not stored. Rename one of the files, or give the articles ids of their own in JSON."
    )


class InvalidDocument(InputError):
    """A pre-analysed document that does not follow rasd.document/1; `field` is a JSON pointer."""

    code = "E010"
    template = "{where}: field {field} is not valid rasd.document/1: {problem}. {fix}"


class BadConfigFile(RasdError):
    """A configuration file that cannot be read: missing, not TOML, or a table that is not a table."""

    code = "E012"
    template = "{path}: {problem}. {fix}"
    exit_code = 2


class UnknownConfigKey(RasdError):
    """A key of a configuration file that rasd does not know (a misspelling would otherwise be ignored)."""

    code = "E013"
    template = "configuration file {path}: unknown key {key!r}{where}. Known here: {known}. Check its spelling in data/config/defaults.toml."
    exit_code = 2


class PipelineError(RasdError):
    """A pipeline that cannot run: unknown stage, unmet requirement, broken stage contract."""

    code = "E100"
    exit_code = 2


class UnknownStage(PipelineError):
    code = "E101"
    template = "unknown pipeline stage {name!r}. Known stages: {known}. Correct the name in [pipeline] stages (or --stages)."


class MissingRequirements(PipelineError):
    code = "E102"
    template = "the pipeline cannot run: {gaps}. Add the stages that provide them, earlier in the list."


class StageContract(PipelineError):
    code = "E103"
    template = (
        "stage {name!r} broke its contract: {problem}. A stage returns the Document it was given, with the "
        "layers it provides filled in; fix the stage, or leave it out of [pipeline] stages."
    )


class UnknownStageOption(PipelineError):
    """An option in a stage's table of the configuration that the stage does not take."""

    code = "E104"
    template = (
        "stage {name!r} has no option {option!r} (given in the [{name}] table of the configuration). "
        "Its options: {known}. Correct or remove the key."
    )


class UnknownLayer(PipelineError):
    """A stage that requires or provides a layer the document model does not have."""

    code = "E105"
    template = (
        "the pipeline cannot run: {problems}. A stage requires and provides layers of the document model: "
        "{known} (rasd.model.LAYERS); correct the stage's requires/provides, or add the layer to the model first."
    )


class ModelError(RasdError):
    code = "E200"
    template = "{path}: {problem}. {fix}"


class TrainingDataError(InputError):
    code = "E201"
    template = "{path}, line {line}: {problem}. Each line must be 'TOKEN TAG' (tags O, B-X, I-X); a blank line ends a sentence."
