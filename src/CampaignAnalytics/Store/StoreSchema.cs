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
