package dev.chorus.sfu.colibri;

/** The steps of the captured Jitsi Videobridge session, in order. */
final class CapturedSteps {

  static final String[] NAMES = {
    "01-health-before",
    "02-version",
    "03-create-conference",
    "04-add-second-endpoint",
    "05-set-transport-sources",
    "06-set-sources-ep2",
    "07-dominant-speaker",
    "08-health",
    "09-stats",
    "10-expire-endpoint-ep2",
    "11-dominant-speaker-after",
    "12-stats-after-ep2-expire",
    "13-expire-conference",
    "14-dominant-speaker-gone",
    "15-patch-after-expire",
    "16-stats-after",
    "17-get-conference-list",
    "18-create-conference-b",
    "19-get-conference",
    "20-patch-unknown-conf",
    "21-post-existing-conf",
    "22-post-no-create-unknown",
    "23-post-malformed-json",
    "24-patch-malformed-json",
    "25-create-ep-no-srcnames",
    "26-create-ep-no-transport",
    "27-create-ep-duplicate",
    "28-patch-unknown-endpoint",
    "29-create-ep-with-sctp",
    "30-dominant-speaker-b",
    "31-expire-all-endpoints-b",
    "32-dominant-speaker-b-gone",
    "33-stats-end",
  };

  private CapturedSteps() {}
}
