using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Serialization;

public class CountMapTests
{
    [Fact]
    public void Keeps_fields_in_the_order_read_and_refuses_duplicates()
    {
        var map = new CountMap();
        for (var i = 0; i < 9; i++)
        {
            Assert.True(map.TryAdd("notif_button_" + i + "_x_click", i * 10));
        }

        Assert.False(map.TryAdd("notif_button_3_x_click", 1));
        Assert.Equal(9, map.Count);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => "notif_button_" + i + "_x_click"), map.Keys);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i * 10), map.Values);
        Assert.Equal(30, map["notif_button_3_x_click"]);
        Assert.True(map.ContainsKey("notif_button_8_x_click"));
        Assert.False(map.TryGetValue("NOTIF_BUTTON_8_X_CLICK", out var none)); // ordinal, like JSON names
        Assert.Equal(0, none);
        Assert.Throws<KeyNotFoundException>(() => map["missing"]);
    }

    [Fact]
    public void Parsed_dynamic_fields_compare_by_content_whatever_their_order()
    {
        const string A = """{"variation_api_id":"a","notif_button_1_x_click":1,"notif_button_2_y_click":2}""";
        const string B = """{"notif_button_2_y_click":2,"variation_api_id":"a","notif_button_1_x_click":1}""";
        var a = PushVariation.Parse(A);
        var b = PushVariation.Parse(B);
        Assert.IsType<CountMap>(a.NotificationButtonClicks);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, PushVariation.Parse("""{"variation_api_id":"a","notif_button_1_x_click":1,"notif_button_2_y_click":3}"""));
    }
}
