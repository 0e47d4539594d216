using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Store;

/// <summary>What one batch upsert did. A day whose JSON is byte-for-byte the stored one counts as unchanged.</summary>
/// <param name="Inserted">Days that were not stored before.</param>
/// <param name="Updated">Days that were stored with a different JSON, now replaced.</param>
/// <param name="Unchanged">Days stored with the same JSON (only their fetched-at instant moved).</param>
public sealed record UpsertResult(int Inserted, int Updated, int Unchanged)
{
    /// <summary>All days written: inserted, updated and unchanged.</summary>
    public int Total => Inserted + Updated + Unchanged;
}

/// <summary>What <see cref="CampaignStore.SyncAsync"/> did. Equality compares <see cref="FetchedIntervals"/> element by element.</summary>
/// <param name="CampaignId">The campaign synced.</param>
/// <param name="FetchedIntervals">The ranges read from the source, one request each, in the order read.</param>
/// <param name="DaysInserted">Days that were not stored before.</param>
/// <param name="DaysUpdated">Stored days whose JSON changed (restated), now replaced.</param>
/// <param name="DaysUnchanged">Stored days fetched again with the same JSON.</param>
/// <param name="DaysNotReturned">Days of the fetched ranges the source did not return (they stay missing).</param>
public sealed record SyncResult(
    string CampaignId,
    IReadOnlyList<DateInterval> FetchedIntervals,
    int DaysInserted,
    int DaysUpdated,
    int DaysUnchanged,
    int DaysNotReturned)
{
    /// <summary>All days written: inserted, updated and unchanged.</summary>
    public int DaysFetched => DaysInserted + DaysUpdated + DaysUnchanged;

    /// <summary>Compares every property, <see cref="FetchedIntervals"/> element by element.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(SyncResult? other) =>
        other is not null
        && string.Equals(CampaignId, other.CampaignId, StringComparison.Ordinal)
        && RecordEquality.ListEquals(FetchedIntervals, other.FetchedIntervals)
        && DaysInserted == other.DaysInserted
        && DaysUpdated == other.DaysUpdated
        && DaysUnchanged == other.DaysUnchanged
        && DaysNotReturned == other.DaysNotReturned;

    /// <summary>A hash consistent with <see cref="Equals(SyncResult?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(CampaignId, RecordEquality.ListHash(FetchedIntervals), DaysInserted, DaysUpdated, DaysUnchanged, DaysNotReturned);

    /// <summary>The result printed by the record's ToString, culture-independent (intervals as yyyy-MM-dd..yyyy-MM-dd).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(FetchedIntervals), FetchedIntervals),
            (nameof(DaysInserted), DaysInserted),
            (nameof(DaysUpdated), DaysUpdated),
            (nameof(DaysUnchanged), DaysUnchanged),
            (nameof(DaysNotReturned), DaysNotReturned),
            (nameof(DaysFetched), DaysFetched));
}

/// <summary>Which days of one campaign a store holds. Equality compares the lists element by element.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="FirstDate">The earliest stored day; null when none is stored.</param>
/// <param name="LastDate">The latest stored day; null when none is stored.</param>
/// <param name="DayCount">How many days are stored.</param>
/// <param name="StoredRanges">The stored days as maximal runs of consecutive days, in order.</param>
/// <param name="Gaps">The missing runs between <paramref name="FirstDate"/> and <paramref name="LastDate"/>, in order.</param>
public sealed record StoreCoverage(
    string CampaignId,
    LocalDate? FirstDate,
    LocalDate? LastDate,
    int DayCount,
    IReadOnlyList<DateInterval> StoredRanges,
    IReadOnlyList<DateInterval> Gaps)
{
    /// <summary>True when no day of the campaign is stored.</summary>
    public bool IsEmpty => DayCount == 0;

    /// <summary>Compares every property, <see cref="StoredRanges"/> and <see cref="Gaps"/> element by element.</summary>
    /// <param name="other">The other coverage.</param>
    public bool Equals(StoreCoverage? other) =>
        other is not null
        && string.Equals(CampaignId, other.CampaignId, StringComparison.Ordinal)
        && FirstDate == other.FirstDate
        && LastDate == other.LastDate
        && DayCount == other.DayCount
        && RecordEquality.ListEquals(StoredRanges, other.StoredRanges)
        && RecordEquality.ListEquals(Gaps, other.Gaps);

    /// <summary>A hash consistent with <see cref="Equals(StoreCoverage?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(CampaignId, FirstDate, LastDate, DayCount, RecordEquality.ListHash(StoredRanges), RecordEquality.ListHash(Gaps));

    /// <summary>The coverage printed by the record's ToString, culture-independent (dates yyyy-MM-dd, intervals as start..end).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(FirstDate), FirstDate),
            (nameof(LastDate), LastDate),
            (nameof(DayCount), DayCount),
            (nameof(StoredRanges), StoredRanges),
            (nameof(Gaps), Gaps),
            (nameof(IsEmpty), IsEmpty));
}
