package io.pme.simulation;

/**
 * Cholesky factor of a small correlation matrix, used to correlate the Gaussian shocks of the price paths.
 */
final class Cholesky
{
    private Cholesky()
    {
    }

    static boolean isPositiveDefinite(final double[][] matrix)
    {
        return null != decomposeOrNull(matrix);
    }

    /**
     * @return lower-triangular L with L·Lᵀ = matrix.
     * @throws IllegalArgumentException if the matrix is not positive definite.
     */
    static double[][] decompose(final double[][] matrix)
    {
        final double[][] lower = decomposeOrNull(matrix);
        if (null == lower)
        {
            throw new IllegalArgumentException("matrix is not positive definite");
        }

        return lower;
    }

    private static double[][] decomposeOrNull(final double[][] matrix)
    {
        final int n = matrix.length;
        final double[][] lower = new double[n][n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i][j];
                for (int k = 0; k < j; k++)
                {
                    sum -= lower[i][k] * lower[j][k];
                }

                if (i == j)
                {
                    if (!(sum > 0.0))
                    {
                        return null;
                    }
                    lower[i][i] = StrictMath.sqrt(sum);
                }
                else
                {
                    lower[i][j] = sum / lower[j][j];
                }
            }
        }

        return lower;
    }
}
