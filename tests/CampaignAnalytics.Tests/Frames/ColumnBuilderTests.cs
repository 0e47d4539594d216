using System.Linq;
using CampaignAnalytics.Frames;

namespace CampaignAnalytics.Tests.Frames;

public class ColumnBuilderTests
{
    [Fact]
    public void Wrapped_buffers_behave_like_ordinary_columns_across_bitmap_bytes()
    {
        var builder = new PrimitiveColumnBuilder<long>(17);
        for (var i = 0; i < 17; i++)
        {
            if (i % 3 != 0)
            {
                builder.Set(i, i);
            }
        }

        var column = ColumnFactory.Int64("x", builder);
        var expected = Enumerable.Range(0, 17).Select(i => i % 3 == 0 ? (long?)null : i).ToArray();
        Assert.Equal(expected, column.ToArray());
        Assert.Equal(6, column.NullCount);

        // Writing after wrapping copies the read-only buffer rather than failing.
        column[0] = 5;
        column.Append(99);
        Assert.Equal(5, column[0]);
        Assert.Equal(5, column.NullCount);
        Assert.Equal(18, column.Length);
        Assert.Equal(99, column[17]);

        var sorted = column.Sort();
        Assert.Equal(5, sorted.NullCount);
    }

    [Fact]
    public void An_empty_builder_gives_an_empty_column()
    {
        var column = ColumnFactory.Double("y", new PrimitiveColumnBuilder<double>(0));
        Assert.Equal(0, column.Length);
        Assert.Equal(0, column.NullCount);
    }
}
