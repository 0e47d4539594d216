namespace CampaignAnalytics.Serialization;

/// <summary>
/// A small read-only map from field name to count, in the order the fields were read: what the generated
/// readers build for pattern-matched fields such as <c>notif_button_1_Buy_click</c>.
/// </summary>
public sealed class CountMap : OrderedMap<long>
{
}
