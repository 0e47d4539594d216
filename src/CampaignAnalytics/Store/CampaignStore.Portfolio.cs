using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using Microsoft.Data.Sqlite;
using NodaTime.Text;

namespace CampaignAnalytics.Store;

/// <summary>
/// A campaign as the store knows it: what <c>/campaigns/list</c> said (name, tags, archived, last edited), what its details
/// said (first and last send, variations, control, conversion events) and how many days are stored.
/// </summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Name">The campaign's name (the list's, else the details'); null when neither was stored.</param>
/// <param name="Tags">The campaign's tags.</param>
/// <param name="Archived">Whether the list said it was archived.</param>
/// <param name="LastEdited">When it was last edited, as Braze sent it; null when unknown.</param>
/// <param name="FirstSent">When it first sent (date and hour, as Braze sent it); null when unknown.</param>
/// <param name="LastSent">When it last sent; null when unknown.</param>
/// <param name="DaysStored">How many days of its series are stored.</param>
/// <param name="Details">Its details as last fetched; null when never fetched.</param>
public sealed record StoredCampaign(
    string CampaignId,
    string? Name,
    IReadOnlyList<string> Tags,
    bool Archived,
    string? LastEdited,
    string? FirstSent,
    string? LastSent,
    int DaysStored,
    CampaignDetailsResponse? Details)
{
    /// <summary>The control group's variation id, from the details; null when unknown.</summary>
    public string? ControlVariationId => Details is null ? null : CampaignDetails.ControlVariationId(Details);

    /// <summary>The conversion events in order (A, B, C, D), labelled; empty when the details are unknown.</summary>
    public IReadOnlyList<ConversionEvent> ConversionEvents => Details is null ? Array.Empty<ConversionEvent>() : CampaignDetails.ConversionEvents(Details);

    /// <summary>Its name and conversion events as labels (for <see cref="Frames.CampaignDataSet.WithLabels"/> and <see cref="Comparison.ChannelComparisonOptions.Labels"/>).</summary>
    public Frames.CampaignLabels Labels => new(CampaignId, Name, ConversionEvents);

    /// <summary>Equality by value, the tags and details by content.</summary>
    /// <param name="other">The other campaign.</param>
    public bool Equals(StoredCampaign? other) =>
        other is not null
        && string.Equals(CampaignId, other.CampaignId, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && RecordEquality.ListEquals(Tags, other.Tags)
        && Archived == other.Archived
        && string.Equals(LastEdited, other.LastEdited, StringComparison.Ordinal)
        && string.Equals(FirstSent, other.FirstSent, StringComparison.Ordinal)
        && string.Equals(LastSent, other.LastSent, StringComparison.Ordinal)
        && DaysStored == other.DaysStored
        && Equals(Details, other.Details);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CampaignId, Name, RecordEquality.ListHash(Tags), Archived, LastEdited, DaysStored);
}

/// <summary>The portfolio tables: campaigns as listed, and their details.</summary>
public sealed partial class CampaignStore
{
    /// <summary>
    /// Records what <c>/campaigns/list</c> says of campaigns (name, tags, archived, last edited), all in one transaction.
    /// Their days and details are kept.
    /// </summary>
    /// <param name="campaigns">The listed campaigns (an item without an id is skipped).</param>
    /// <param name="archived">Whether these campaigns are archived, when known (a list without <c>include_archived</c> holds
    /// none); null leaves it to the details (<c>archived</c>).</param>
    public void UpsertCampaigns(IEnumerable<CampaignListItem> campaigns, bool? archived = null)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var now = InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                using var ensure = CreateCommand(transaction, "INSERT INTO campaign (campaign_id) VALUES ($campaign) ON CONFLICT (campaign_id) DO NOTHING;");
                var ensureId = ensure.Parameters.Add("$campaign", SqliteType.Text);
                using var upsert = CreateCommand(transaction,
                    """
                    INSERT INTO campaign_info (campaign_id, name, tags, archived, is_api_campaign, last_edited, listed_at)
                    VALUES ($campaign, $name, $tags, $archived, $api, $edited, $now)
                    ON CONFLICT (campaign_id) DO UPDATE SET name = excluded.name, tags = excluded.tags, archived = coalesce(excluded.archived, campaign_info.archived),
                        is_api_campaign = excluded.is_api_campaign, last_edited = excluded.last_edited, listed_at = excluded.listed_at;
                    """);
                var id = upsert.Parameters.Add("$campaign", SqliteType.Text);
                var name = upsert.Parameters.Add("$name", SqliteType.Text);
                var tags = upsert.Parameters.Add("$tags", SqliteType.Text);
                var arch = upsert.Parameters.Add("$archived", SqliteType.Integer);
                var api = upsert.Parameters.Add("$api", SqliteType.Integer);
                var edited = upsert.Parameters.Add("$edited", SqliteType.Text);
                upsert.Parameters.AddWithValue("$now", now);
                foreach (var campaign in campaigns)
                {
                    if (string.IsNullOrWhiteSpace(campaign.Id))
                    {
                        continue;
                    }

                    ensureId.Value = campaign.Id;
                    ensure.ExecuteNonQuery();
                    id.Value = campaign.Id;
                    name.Value = (object?)campaign.Name ?? DBNull.Value;
                    tags.Value = JsonSerializer.Serialize(campaign.Tags ?? Array.Empty<string>());
                    arch.Value = archived is { } a ? (a ? 1 : 0) : DBNull.Value;
                    api.Value = campaign.IsApiCampaign is { } isApi ? (isApi ? 1 : 0) : DBNull.Value;
                    edited.Value = (object?)campaign.LastEdited ?? DBNull.Value;
                    upsert.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>
    /// Stores a campaign's details (the JSON the generated writer writes, so unknown fields are kept), replacing earlier
    /// ones, in one transaction; <paramref name="forLastEdited"/> is the list's <c>last_edited</c> they were fetched for, so
    /// that a sync fetches them again only when it moved (<see cref="DetailsAreCurrent"/>).
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="details">Its details.</param>
    /// <param name="forLastEdited">The list's <c>last_edited</c> when they were fetched; null when unknown.</param>
    public void UpsertDetails(string campaignId, CampaignDetailsResponse details, string? forLastEdited)
    {
        ValidateCampaignId(campaignId);
        ArgumentNullException.ThrowIfNull(details);
        var json = ModelWriting.ToJson(details, indented: false);
        var now = InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                using (var ensure = CreateCommand(transaction, "INSERT INTO campaign (campaign_id) VALUES ($campaign) ON CONFLICT (campaign_id) DO NOTHING;"))
                {
                    ensure.Parameters.AddWithValue("$campaign", campaignId);
                    ensure.ExecuteNonQuery();
                }

                using var upsert = CreateCommand(transaction,
                    """
                    INSERT INTO campaign_details (campaign_id, for_last_edited, name, first_sent, last_sent, control_variation_id, json, fetched_at)
                    VALUES ($campaign, $edited, $name, $first, $last, $control, $json, $now)
                    ON CONFLICT (campaign_id) DO UPDATE SET for_last_edited = excluded.for_last_edited, name = excluded.name,
                        first_sent = excluded.first_sent, last_sent = excluded.last_sent, control_variation_id = excluded.control_variation_id,
                        json = excluded.json, fetched_at = excluded.fetched_at;
                    """);
                upsert.Parameters.AddWithValue("$campaign", campaignId);
                upsert.Parameters.AddWithValue("$edited", (object?)forLastEdited ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$name", (object?)details.Name ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$first", (object?)details.FirstSent ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$last", (object?)details.LastSent ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$control", (object?)CampaignDetails.ControlVariationId(details) ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$json", json);
                upsert.Parameters.AddWithValue("$now", now);
                upsert.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>True when the stored details were fetched for this <c>last_edited</c> (the campaign was not edited since).</summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="lastEdited">The list's current <c>last_edited</c>.</param>
    public bool DetailsAreCurrent(string campaignId, string? lastEdited)
    {
        ValidateCampaignId(campaignId);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null, "SELECT for_last_edited IS $edited FROM campaign_details WHERE campaign_id = $campaign;");
                command.Parameters.AddWithValue("$campaign", campaignId);
                command.Parameters.AddWithValue("$edited", (object?)lastEdited ?? DBNull.Value);
                return command.ExecuteScalar() is long current && current == 1;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>Every campaign the store knows (listed, with details or with days), in ordinal order of id.</summary>
    public IReadOnlyList<StoredCampaign> ListStoredCampaigns() => QueryCampaigns(null);

    /// <summary>One campaign as the store knows it; null when it knows nothing of it.</summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    public StoredCampaign? GetCampaign(string campaignId)
    {
        ValidateCampaignId(campaignId);
        var found = QueryCampaigns(campaignId);
        return found.Count == 0 ? null : found[0];
    }

    private List<StoredCampaign> QueryCampaigns(string? campaignId)
    {
        var result = new List<StoredCampaign>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null,
                    """
                    SELECT c.campaign_id, coalesce(i.name, d.name), coalesce(i.tags, '[]'), coalesce(json_extract(d.json, '$.archived'), i.archived, 0), i.last_edited,
                           d.first_sent, d.last_sent, (SELECT count(*) FROM campaign_day x WHERE x.campaign_id = c.campaign_id), d.json
                    FROM campaign c
                    LEFT JOIN campaign_info i ON i.campaign_id = c.campaign_id
                    LEFT JOIN campaign_details d ON d.campaign_id = c.campaign_id
                    WHERE $campaign IS NULL OR c.campaign_id = $campaign
                    ORDER BY c.campaign_id;
                    """);
                command.Parameters.AddWithValue("$campaign", (object?)campaignId ?? DBNull.Value);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    CampaignDetailsResponse? details = null;
                    if (!reader.IsDBNull(8))
                    {
                        try
                        {
                            details = CampaignDetailsResponse.Parse(reader.GetString(8));
                        }
                        catch (JsonException ex)
                        {
                            throw new CampaignStoreException($"The stored details of campaign '{id}' in '{Path}' cannot be read: {ex.Message}", Path, ex);
                        }
                    }

                    result.Add(new StoredCampaign(
                        id,
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? Array.Empty<string>(),
                        reader.GetInt64(3) != 0,
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        Convert.ToInt32(reader.GetInt64(7), CultureInfo.InvariantCulture),
                        details));
                }
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }

        return result;
    }
}
