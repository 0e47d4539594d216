using System.Collections.Generic;

namespace CampaignAnalytics.Store;

/// <summary>The store's tables, as numbered migrations. Append new migrations; never edit a shipped one.</summary>
internal static class StoreSchema
{
    /// <summary>SQLite's <c>application_id</c> header field for our files: "CAST" (CampaignAnalytics STore).</summary>
    public const int ApplicationId = 0x43415354;

    /// <summary>The migrations, in order: migration <c>i</c> brings the store to version <c>i + 1</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } = new[]
    {
        // Version 1.
        """
        CREATE TABLE campaign (
            campaign_id TEXT NOT NULL PRIMARY KEY CHECK (length(campaign_id) > 0)
        );
        CREATE TABLE campaign_day (
            campaign_id TEXT NOT NULL REFERENCES campaign (campaign_id) ON DELETE CASCADE,
            day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            json        TEXT NOT NULL CHECK (json_valid(json)),
            fetched_at  TEXT NOT NULL,
            changed_at  TEXT NOT NULL,
            PRIMARY KEY (campaign_id, day)
        );
        """,

        // Version 2 (portfolio): what /campaigns/list says of each campaign, and its details as Braze sent them.
        """
        CREATE TABLE campaign_info (
            campaign_id     TEXT NOT NULL PRIMARY KEY REFERENCES campaign (campaign_id) ON DELETE CASCADE,
            name            TEXT,
            tags            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
            archived        INTEGER CHECK (archived IN (0, 1)),
            is_api_campaign INTEGER CHECK (is_api_campaign IN (0, 1)),
            last_edited     TEXT,
            listed_at       TEXT NOT NULL
        );
        CREATE TABLE campaign_details (
            campaign_id          TEXT NOT NULL PRIMARY KEY REFERENCES campaign (campaign_id) ON DELETE CASCADE,
            for_last_edited      TEXT,
            name                 TEXT,
            first_sent           TEXT,
            last_sent            TEXT,
            control_variation_id TEXT,
            json                 TEXT NOT NULL CHECK (json_valid(json)),
            fetched_at           TEXT NOT NULL
        );
        """,

        // Version 3 (Canvas): Canvases: the list's and the details' answers as received, and each day of the Canvas series (totals,
        // variant and step breakdowns) as the model writes it.
        """
        CREATE TABLE canvas (
            canvas_id    TEXT NOT NULL PRIMARY KEY CHECK (length(canvas_id) > 0),
            name         TEXT,
            listed_json  TEXT CHECK (listed_json IS NULL OR json_valid(listed_json)),
            details_json TEXT CHECK (details_json IS NULL OR json_valid(details_json)),
            updated_at   TEXT
        );
        CREATE TABLE canvas_day (
            canvas_id  TEXT NOT NULL REFERENCES canvas (canvas_id) ON DELETE CASCADE,
            day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            json       TEXT NOT NULL CHECK (json_valid(json)),
            fetched_at TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            PRIMARY KEY (canvas_id, day)
        );
        """,

        // Version 4 (fetch --all --kind canvases): the list's last_edited the stored Canvas details were fetched for, so a
        // sync fetches them again only when it moved.
        """
        ALTER TABLE canvas ADD COLUMN details_for_last_edited TEXT;
        """,
    };

    /// <summary>The version this library writes.</summary>
    public static int LatestVersion => Migrations.Count;

    /// <summary>Creates the version table (before any migration).</summary>
    public const string CreateVersionTable =
        """
        CREATE TABLE schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at TEXT NOT NULL
        );
        """;
}
