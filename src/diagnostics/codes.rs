//! The stable diagnostic codes. A code, once published, keeps its meaning: editors search for
//! them and CI scripts match on them. `docs/diagnostics.md` explains each one.

use super::Severity;

macro_rules! codes {
    ($( $name:ident = $code:literal, $summary:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $name, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$name, )* ];

            /// `E0301`, `W0101`, …
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$name => $code, )* }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$name => $summary, )* }
            }
        }
    };
}

codes! {
    // Files and syntax.
    ReadFailed = "E0001", "a file could not be read or is not UTF-8";
    YamlSyntax = "E0002", "YAML syntax error";
    FrontMatter = "E0003", "malformed front matter in a Markdown file";
    MissingFile = "E0004", "a required file or folder is missing";
    BadFileName = "E0005", "a file name does not follow the content layout";
    // Shape of the YAML.
    UnknownKey = "E0101", "unknown key";
    WrongType = "E0102", "a value has the wrong type";
    MissingKey = "E0103", "a required key is missing";
    InvalidValue = "E0104", "a value is not one of the allowed values or formats";
    DuplicateKey = "E0105", "a key is written twice in one mapping";
    ConflictingKeys = "E0106", "keys that exclude each other are both given, or neither";
    // Ids and languages.
    InvalidId = "E0201", "an id is not a valid id";
    DuplicateId = "E0202", "an id is defined twice";
    UnknownLanguage = "E0203", "a language code that site.yaml does not list";
    ReservedId = "E0204", "a page id collides with a URL the site already uses";
    // References.
    UnknownMeasure = "E0301", "a reference to a measure that does not exist";
    UnknownDocument = "E0302", "a reference to a document that does not exist";
    UnknownDepartment = "E0303", "a reference to a department that does not exist";
    UnknownIndicator = "E0304", "a reference to an indicator that does not exist";
    UnknownItem = "E0305", "a reference to a year, case, achievement, event, issue or page that does not exist";
    MalformedReference = "E0306", "an `@` reference that is not one of the known forms";
    ValueForUnknownIndicator = "E0307", "a year's value for an indicator that indicators.yaml does not define";
    MissingValue = "E0308", "a reference to an indicator value that the year does not have";
    MissingTarget = "E0309", "a reference to a target that the plan does not set";
    // Domain rules.
    NotTenEvents = "E0401", "a year's events.yaml does not hold exactly ten events";
    TargetOutsidePeriod = "E0402", "a plan target lies outside the plan's period";
    EmptySection = "E0403", "an empty section or column";
    ContradictingTranslation = "E0404", "a translation file contradicts the default-language file";
    OrphanTranslation = "E0405", "a translation file has no default-language original";
    // Build and output.
    OutputRefused = "E0501", "the output folder would overwrite sources";
    Template = "E0502", "a template could not be loaded or rendered";
    WriteFailed = "E0503", "the output could not be written";
    OutputBusy = "E0504", "another build is writing the output folder";
    // Importing values from spreadsheets.
    ImportUnreadable = "E0601", "a spreadsheet or CSV file to import could not be read";
    ImportNoSheet = "E0602", "the workbook has no sheet of the name given with --sheet";
    ImportNoHeader = "E0603", "a table to import has no header row naming its indicator column";
    ImportNoValueColumn = "E0604", "a table to import has no value column for the year";
    ImportUnknownIndicator = "E0605", "a row of a table to import names no indicator the site defines";
    ImportNotANumber = "E0606", "a value in a table to import is not a number";
    ImportUnitMismatch = "E0607", "a value's unit does not fit its indicator's unit";
    ImportDuplicate = "E0608", "a table to import gives an indicator twice";
    ImportReportNotEditable = "E0609", "a report.yaml whose indicator values cannot be edited in place";
    ImportWriteFailed = "E0610", "what was imported could not be written";
    ImportDocumentUnreadable = "E0611", "a Word or text file to import could not be read";
    ImportNoMeasures = "E0612", "a document to import has no numbered headings or measures";
    ImportDocumentExists = "E0613", "the document to import would replace a file that exists";
    // Warnings.
    MissingTranslation = "W0101", "a text has no value in a language and falls back";
    PublishedOutsideWeek = "W0102", "a report is published outside the 4·26 week (20–26 April)";
    MissingCaseNumber = "W0103", "a court case has no case number";
    NumberMismatch = "W0104", "the Chinese and English versions state different numbers";
    HalfWidthPunctuation = "W0105", "half-width punctuation between Chinese characters";
    WorldIpDaySpelling = "W0106", "4·26 written as 4.26 or 4-26";
    RawHtml = "W0107", "raw HTML in Markdown is shown as text";
    NoBaseUrl = "W0108", "no base_url: the sitemap and the feeds are left out";
    SpreadsheetFormula = "W0109", "a text of the open data starts like a spreadsheet formula";
    CommentInValue = "W0110", "a `#` in an unquoted YAML value starts a comment and cuts the value";
    StarterPlaceholder = "W0111", "a placeholder of the starter site is left unchanged";
    ExampleHost = "W0112", "a link or base_url points to a host reserved for examples";
}

impl Code {
    pub fn default_severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert_eq!(s.len(), 5);
            assert!(s.starts_with('E') || s.starts_with('W'));
        }
    }
}
