using System;
using System.Collections.Generic;
using NodaTime;

namespace CampaignAnalytics.SampleData;

/// <summary>The channel kinds the sample generator knows how to fill.</summary>
internal enum SampleChannel
{
    Email,
    IosPush,
    AndroidPush,
    Sms,
    InAppMessage,
    ContentCards,
    Webhook,
}

/// <summary>One arm of a channel with its true rates (the generator draws binomial counts around them).</summary>
/// <param name="Name">The variation name (the control is "Control Group").</param>
/// <param name="Engagement">The channel's main engagement rate: email unique clicks per delivery, push direct opens
/// per delivery, SMS clicks per delivery, in-app and content-card clicks per impression.</param>
/// <param name="Conversion">Primary conversions per unique recipient (per impression for in-app messages).</param>
/// <param name="Buttons">Push only: dynamic <c>notif_button_[NUM]_[TITLE]_click</c> keys and their rate per delivery.</param>
internal sealed record ArmPlan(string Name, double Engagement, double Conversion, IReadOnlyList<(string Key, double Rate)>? Buttons = null);

/// <summary>One channel of a sample campaign.</summary>
/// <param name="Channel">Which channel.</param>
/// <param name="Audience">Recipients (or eligible impressions) per day before seasonality, split evenly across the arms.</param>
/// <param name="Variations">The variations.</param>
/// <param name="Control">The control group, or null when the channel has none.</param>
/// <param name="State">Whether the channel is present, empty (<c>[]</c>) or absent on a day (by day index and date).</param>
internal sealed record ChannelPlan(
    SampleChannel Channel,
    double Audience,
    IReadOnlyList<ArmPlan> Variations,
    ArmPlan? Control,
    Func<int, LocalDate, ChannelState> State);

/// <summary>Whether a channel appears on a day.</summary>
internal enum ChannelState
{
    Present,
    Empty,
    Absent,
}

/// <summary>A whole sample campaign: its days, its seasonality and its channels.</summary>
/// <param name="Name">The campaign name; also the file name without extension (the CLI's default campaign id).</param>
/// <param name="Seed">The seed of <see cref="Random"/>.</param>
/// <param name="FirstDay">The first day of the series.</param>
/// <param name="Days">How many consecutive days.</param>
/// <param name="Season">A multiplier of the audience by day index (trend, promotions).</param>
/// <param name="Channels">The channels, in the order they are generated.</param>
internal sealed record CampaignPlan(
    string Name,
    int Seed,
    LocalDate FirstDay,
    int Days,
    Func<int, double> Season,
    IReadOnlyList<ChannelPlan> Channels);
